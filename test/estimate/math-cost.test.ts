/** The static model prices Math by what it costs in a loop: transcendental functions and fractional powers are calls, rounding and min/max are arithmetic. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';
import { staticCosts } from '../../src/estimate/static-cost.js';

/** Estimated ms of one statement that runs `body` (of x) ten million times. */
const loop = (body: string) => {
  const analysis = analyze(`let s = 0;\nfor (let i = 0; i < 10000000; i++) { const x = i * 0.5; s += ${body}; }\n`);
  return staticCosts(analysis).at(-1)!;
};

test('a sine, an exponential or a logarithm costs several additions; a fractional power more', () => {
  const add = loop('x');
  for (const body of ['Math.sin(x)', 'Math.cos(x)', 'Math.exp(-x)', 'Math.log(x + 1)']) {
    const ratio = loop(body) / add;
    // Measured in such a loop: 13-20 ns against about 1.3 ns for the addition alone.
    assert.ok(ratio > 3 && ratio < 20, `${body}: ${ratio.toFixed(1)}× the addition's loop`);
  }
  assert.ok(loop('x ** 1.5') > 2 * loop('Math.sin(x)'), 'a fractional power is a library call');
  assert.ok(loop('Math.pow(x, 0.3)') > 2 * loop('Math.sin(x)'));
});

test('rounding, min, max and a power by a small whole number cost about an addition', () => {
  const add = loop('x');
  for (const body of ['Math.floor(x)', 'Math.round(x)', 'Math.max(x, 3)', 'Math.min(x, 3)', 'Math.abs(x)', 'x ** 2']) {
    const ratio = loop(body) / add;
    assert.ok(ratio < 1.6, `${body}: ${ratio.toFixed(2)}× the addition's loop`);
  }
});
