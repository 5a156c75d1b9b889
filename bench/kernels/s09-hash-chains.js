'use strict';
// Two independent hash chains (proof-of-work style), each round a fresh sha256.
const crypto = require('node:crypto');

const ROUNDS_A = 425000;
const ROUNDS_B = 645000;

function bufferChain(seedText, rounds) {
  let digest = Buffer.from(seedText, 'utf8');
  let leadingZeroBytes = 0;
  for (let i = 0; i < rounds; i++) {
    digest = crypto.createHash('sha256').update(digest).digest();
    if (digest[0] === 0) leadingZeroBytes++;
  }
  return { final: digest.toString('hex'), leadingZeroBytes };
}

function saltedHexChain(seedText, rounds) {
  let current = seedText;
  let i = 0;
  const hits = [];
  while (i < rounds) {
    current = crypto.createHash('sha256').update(current + ':' + i).digest('hex');
    if (current.startsWith('000')) hits.push(i);
    i++;
  }
  return { final: current, hits: hits.length, firstHit: hits.length ? hits[0] : -1 };
}

const chainA = bufferChain('alpha-genesis-block', ROUNDS_A);
const chainB = saltedHexChain('beta-genesis-block', ROUNDS_B);

console.log('chain A:', chainA.final, 'zero-lead rounds:', chainA.leadingZeroBytes);
console.log('chain B:', chainB.final, 'hits:', chainB.hits, 'first:', chainB.firstHit);
