/**
 * Diffing successive snapshots of a growing log (HAC's update/init log is re-fetched whole on every
 * poll) so that each line is printed once.
 */

// Blank lines carry nothing in HAC's logs (they come from `<br/>` pairs) and would only make the
// live view ragged, so they are dropped before diffing.
function splitLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

/**
 * Feed it each snapshot; it returns the lines not shown yet. The last line of a snapshot is held back
 * until a later snapshot shows it is complete (a line still being written would otherwise be
 * printed twice); `finish` releases it. When the log is rewritten rather than extended (a new run
 * replaced it), the lines after the common beginning are returned again.
 */
export class LogFollower {
  #shown: string[] = [];
  #latest: string[] = [];

  /** New complete lines of `snapshot`. */
  next(snapshot: string): string[] {
    this.#latest = splitLines(snapshot);
    return this.#emit(this.#latest.slice(0, -1));
  }

  /** Every line not shown yet, including the last; pass the final snapshot if there is one. */
  finish(snapshot?: string): string[] {
    if (snapshot !== undefined) this.#latest = splitLines(snapshot);
    return this.#emit(this.#latest);
  }

  /** Number of lines shown so far. */
  get shownCount(): number {
    return this.#shown.length;
  }

  #emit(lines: string[]): string[] {
    let common = 0;
    while (common < lines.length && common < this.#shown.length && lines[common] === this.#shown[common]) common++;
    // Nothing new and nothing rewritten: keep what was shown (a shorter held-back view is no rewrite).
    if (common === lines.length && lines.length <= this.#shown.length) return [];
    const fresh = lines.slice(common);
    this.#shown = lines;
    return fresh;
  }
}
