'use strict';
// Recursion: naive fibonacci, permutations with swapping, N-queens backtracking.
const FIB_N = 37;
const PERM_N = 10;
const QUEENS_N = 12;

function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function countDerangedPermutations(n) {
  const arr = [];
  for (let i = 0; i < n; i++) arr.push(i);
  let total = 0;
  let deranged = 0;
  function permute(k) {
    if (k === n) {
      total++;
      for (let i = 0; i < n; i++) if (arr[i] === i) return;
      deranged++;
      return;
    }
    for (let i = k; i < n; i++) {
      let t = arr[k]; arr[k] = arr[i]; arr[i] = t;
      permute(k + 1);
      t = arr[k]; arr[k] = arr[i]; arr[i] = t;
    }
  }
  permute(0);
  return { total, deranged };
}

function nQueens(n) {
  const cols = [];
  let solutions = 0;
  function safe(row, col) {
    for (let r = 0; r < row; r++) {
      const c = cols[r];
      if (c === col || Math.abs(c - col) === row - r) return false;
    }
    return true;
  }
  function place(row) {
    if (row === n) { solutions++; return; }
    for (let col = 0; col < n; col++) {
      if (safe(row, col)) {
        cols[row] = col;
        place(row + 1);
      }
    }
  }
  place(0);
  return solutions;
}

const fibValue = fib(FIB_N);
const perms = countDerangedPermutations(PERM_N);
const queens = nQueens(QUEENS_N);

console.log('fib(' + FIB_N + ') =', fibValue);
console.log('permutations of', PERM_N, '=', perms.total, 'derangements =', perms.deranged);
console.log(QUEENS_N + '-queens solutions =', queens);
