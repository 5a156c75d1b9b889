'use strict';
// Crypto: hashing many chunks, pbkdf2Sync, scryptSync.
const crypto = require('crypto');
const CHUNKS = 150000;
const CHUNK_SIZE = 256;
const PBKDF2_ITERATIONS = 600000;
const SCRYPT_COST = 65536;
const SEED = 1;

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeBuffer(size, seed) {
  const rand = mulberry32(seed);
  const buf = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buf[i] = (rand() * 256) | 0;
  return buf;
}

function hashChunks(data, chunks, chunkSize) {
  const overall = crypto.createHash('sha256');
  let leadingZeroChunks = 0;
  for (let i = 0; i < chunks; i++) {
    const start = (i * 97) % (data.length - chunkSize);
    const chunk = data.subarray(start, start + chunkSize);
    const h = crypto.createHash('sha1').update(chunk).update(String(i)).digest();
    if (h[0] === 0) leadingZeroChunks++;
    overall.update(h);
  }
  return { digest: overall.digest('hex'), leadingZeroChunks };
}

function deriveKey(password, iterations) {
  return crypto.pbkdf2Sync(password, 'salt-' + password.length, iterations, 32, 'sha256').toString('hex');
}

function scryptKey(password, cost) {
  return crypto.scryptSync(password, 'pepper', 32, { N: cost, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }).toString('hex');
}

const data = makeBuffer(1 << 20, SEED);
const chunkResult = hashChunks(data, CHUNKS, CHUNK_SIZE);
const pbkdf2Result = deriveKey('correct horse battery staple', PBKDF2_ITERATIONS);
const scryptResult = scryptKey('hunter2', SCRYPT_COST);

console.log('chunk digest', chunkResult.digest, 'zero-led chunks', chunkResult.leadingZeroChunks);
console.log('pbkdf2', pbkdf2Result);
console.log('scrypt', scryptResult);
