/**
 * The certificate generator (and its X.509 libraries, ~100 ms to load) is loaded only when an
 * emulator is started with `tls`.
 */
export interface TlsMaterial {
  key: string;
  cert: string;
}

/** A fresh self-signed certificate for localhost, like a local SAP Commerce's default keystore. */
export async function selfSignedCertificate(host: string): Promise<TlsMaterial> {
  const altNames = [
    { type: 2 as const, value: 'localhost' },
    { type: 7 as const, ip: '127.0.0.1' },
    { type: 7 as const, ip: '::1' },
  ];
  if (host && !['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::'].includes(host)) {
    altNames.push(/^[\d.]+$|:/.test(host) ? { type: 7 as const, ip: host } : { type: 2 as const, value: host });
  }
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
