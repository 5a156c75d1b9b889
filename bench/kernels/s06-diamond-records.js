'use strict';
// Diamond over records: one cheap source, three unequal analyses, a report.
const RECORDS = 200000;
const BOOTSTRAPS = 195;
const WINDOW = 45;
const SEED = 4242;

const REGIONS = ['north', 'south', 'east', 'west', 'central', 'islands'];
const CATEGORIES = ['tools', 'garden', 'kitchen', 'toys', 'books', 'audio', 'sports', 'office'];

function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

function makeRecords(n, seed) {
  const rnd = lcg(seed);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const region = REGIONS[Math.floor(rnd() * REGIONS.length)];
    const category = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)];
    rows.push({
      id: i,
      region,
      category,
      price: Math.round((5 + rnd() * 195) * 100) / 100,
      qty: 1 + Math.floor(rnd() * 12),
      score: Math.round(rnd() * 1000) / 10,
    });
  }
  return rows;
}

// ~heaviest: bootstrap confidence intervals of mean revenue per region
function bootstrapRevenue(rows, rounds, seed) {
  const rnd = lcg(seed);
  const n = rows.length;
  const k = REGIONS.length;
  const regionOf = new Uint8Array(n);
  const revenue = new Float64Array(n);
  rows.forEach((row, i) => {
    regionOf[i] = REGIONS.indexOf(row.region);
    revenue[i] = row.price * row.qty;
  });
  const means = REGIONS.map(() => []);
  const sum = new Float64Array(k);
  const cnt = new Int32Array(k);
  for (let b = 0; b < rounds; b++) {
    sum.fill(0);
    cnt.fill(0);
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rnd() * n);
      sum[regionOf[j]] += revenue[j];
      cnt[regionOf[j]]++;
    }
    for (let r = 0; r < k; r++) means[r].push(sum[r] / cnt[r]);
  }
  const out = {};
  REGIONS.forEach((name, r) => {
    const xs = means[r].sort((a, b) => a - b);
    out[name] = [xs[Math.floor(xs.length * 0.05)].toFixed(3), xs[Math.floor(xs.length * 0.95)].toFixed(3)];
  });
  return out;
}

// medium: Spearman correlation between price and score plus rolling window over price order
function rankStats(rows, window) {
  const byPrice = rows.slice().sort((a, b) => a.price - b.price || a.id - b.id);
  const byScore = rows.slice().sort((a, b) => a.score - b.score || a.id - b.id);
  const priceRank = new Float64Array(rows.length);
  const scoreRank = new Float64Array(rows.length);
  byPrice.forEach((r, i) => (priceRank[r.id] = i));
  byScore.forEach((r, i) => (scoreRank[r.id] = i));
  let d2 = 0;
  for (let i = 0; i < rows.length; i++) {
    const d = priceRank[i] - scoreRank[i];
    d2 += d * d;
  }
  const n = rows.length;
  const rho = 1 - (6 * d2) / (n * (n * n - 1));
  let bestWindowScore = -Infinity;
  let bestStart = 0;
  for (let i = 0; i + window <= n; i++) {
    let s = 0;
    for (let j = i; j < i + window; j++) s += byPrice[j].score * byPrice[j].qty;
    if (s > bestWindowScore) {
      bestWindowScore = s;
      bestStart = i;
    }
  }
  return { rho, bestStart, bestPrice: byPrice[bestStart].price, bestWindowScore };
}

// lightest: pivot table region x category with string keys and median qty
function pivot(rows) {
  const cells = new Map();
  for (const row of rows) {
    const key = `${row.region}|${row.category}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { revenue: 0, qtys: [], scores: [], prices: new Set() };
      cells.set(key, cell);
    }
    cell.revenue += row.price * row.qty;
    cell.prices.add(row.price.toFixed(2));
    cell.qtys.push(row.qty);
    cell.scores.push(row.score);
  }
  const summary = [];
  for (const [key, cell] of cells) {
    cell.qtys.sort((a, b) => a - b);
    cell.scores.sort((a, b) => a - b);
    summary.push({
      key,
      revenue: cell.revenue,
      medianQty: cell.qtys[cell.qtys.length >> 1],
      p90Score: cell.scores[Math.floor(cell.scores.length * 0.9)],
      distinctPrices: cell.prices.size,
      topPrice: [...cell.prices].sort((a, b) => parseFloat(b) - parseFloat(a))[0],
    });
  }
  summary.sort((a, b) => b.revenue - a.revenue);
  return summary;
}

function report(boot, ranks, table) {
  const lines = [];
  for (const r of Object.keys(boot)) lines.push(`${r}: ${boot[r][0]} .. ${boot[r][1]}`);
  lines.push(`spearman=${ranks.rho.toFixed(6)} window@${ranks.bestStart} price=${ranks.bestPrice} score=${ranks.bestWindowScore.toFixed(1)}`);
  for (const row of table.slice(0, 5)) lines.push(`${row.key} rev=${row.revenue.toFixed(2)} medQty=${row.medianQty} p90=${row.p90Score} prices=${row.distinctPrices} top=${row.topPrice}`);
  lines.push(`cells=${table.length}`);
  return lines.join('\n');
}

const records = makeRecords(RECORDS, SEED);
const boot = bootstrapRevenue(records, BOOTSTRAPS, SEED + 1);
const ranks = rankStats(records, WINDOW);
const table = pivot(records);
const text = report(boot, ranks, table);

console.log(text);
