import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogFollower } from '../src/output/index.js';

test('LogFollower prints each complete line once as the log grows', () => {
  const follower = new LogFollower();
  assert.deepEqual(follower.next(''), []);
  assert.deepEqual(follower.next('one\ntwo'), ['one'], 'the last line may still be growing');
  assert.deepEqual(follower.next('one\ntwo\nthree'), ['two']);
  assert.deepEqual(follower.next('one\ntwo\nthree'), []);
  assert.deepEqual(follower.next('one\ntwo\nthree\nfour\nfive\n'), ['three', 'four']);
  assert.deepEqual(follower.finish(), ['five']);
  assert.deepEqual(follower.finish(), []);
  assert.equal(follower.shownCount, 5);
});

test('LogFollower shows a grown last line whole, not twice', () => {
  const follower = new LogFollower();
  follower.next('start\nUpdating ty');
  assert.deepEqual(follower.finish('start\nUpdating types done'), ['Updating types done']);
});

test('LogFollower starts over after the log was replaced by a new run', () => {
  const follower = new LogFollower();
  follower.finish('run 1\nline a\nline b');
  assert.deepEqual(follower.finish('run 2\nline x'), ['run 2', 'line x']);
});

test('LogFollower skips blank lines', () => {
  const follower = new LogFollower();
  assert.deepEqual(follower.next('a\n\nb\n\n'), ['a']);
  assert.deepEqual(follower.finish('a\n\nb\n\nc'), ['b', 'c']);
});
