'use strict';
// BigInt arithmetic: big factorial, modular exponentiation, big Fibonacci digit sums.
const FACT_N = 25000;
const MODPOW_COUNT = 300;
const FIB_INDEX = 150000;
const MODULUS = (1n << 1024n) - 105n;

function factorial(n) {
  let result = 1n;
  for (let i = 2n; i <= BigInt(n); i++) result *= i;
  const digits = result.toString();
  let trailingZeros = 0;
  for (let i = digits.length - 1; i >= 0 && digits[i] === '0'; i--) trailingZeros++;
  return { digits: digits.length, trailingZeros, head: digits.slice(0, 12) };
}

function modPow(base, exp, mod) {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

function manyModPows(count, mod) {
  let acc = 0n;
  let x = 0x1234567890abcdefn;
  for (let i = 0; i < count; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    const exp = (x << 900n) | x;
    acc ^= modPow(x + BigInt(i), exp, mod);
  }
  return acc % 1000000007n;
}

function fibDigitSum(n) {
  let a = 0n, b = 1n;
  for (let i = 0; i < n; i++) {
    const t = a + b;
    a = b;
    b = t;
  }
  const s = a.toString();
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s.charCodeAt(i) - 48;
  return { digits: s.length, digitSum: sum };
}

const fact = factorial(FACT_N);
const powResult = manyModPows(MODPOW_COUNT, MODULUS);
const fibResult = fibDigitSum(FIB_INDEX);

console.log(FACT_N + '! has', fact.digits, 'digits,', fact.trailingZeros, 'trailing zeros, starts', fact.head);
console.log('modpow accumulator', powResult.toString());
console.log('fib(' + FIB_INDEX + ') has', fibResult.digits, 'digits, digit sum', fibResult.digitSum);
