/**
 * A time budget for the analysis of one script: generated or bundled code can be large enough
 * that a precise analysis takes minutes. Past the budget the script is kept as it is, and said so.
 */
export class BudgetExceeded extends Error {}

let deadline = Infinity;

export function startBudget(ms: number): void {
  deadline = Date.now() + ms;
}

export function endBudget(): void {
  deadline = Infinity;
}

export function checkBudget(): void {
  if (Date.now() > deadline) throw new BudgetExceeded('analysis budget exceeded');
}

let ticks = 0;

/** For hot paths: looks at the clock once every 1024 calls. */
export function tickBudget(): void {
  if ((++ticks & 1023) === 0) checkBudget();
}
