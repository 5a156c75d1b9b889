// Two independent chains of repeated SHA-256 hashing (like a proof-of-work or key stretching),
// about one second each, then both digests are printed.
const crypto = require('node:crypto');

const ROUNDS = 620000;

function stretch(secret, salt, rounds) {
  let digest = Buffer.from(secret + ':' + salt);
  for (let i = 0; i < rounds; i++) {
    digest = crypto.createHash('sha256').update(digest).digest();
  }
  return digest.toString('hex');
}

const alice = stretch('correct horse battery staple', 'alice', ROUNDS);
const bob = stretch('Tr0ub4dor&3', 'bob', ROUNDS);
console.log('alice:', alice);
console.log('bob:  ', bob);
