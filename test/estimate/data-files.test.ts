/**
 * Data files a script reads by a path known before it runs are sized from disk: their text, lines
 * and JSON elements price the statements that read and analyse them. A plan that must send what
 * was read to a worker has to win even if the static times are three times too high.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../src/analyze/index.js';
import { staticCosts } from '../../src/estimate/static-cost.js';
import { transform } from '../../src/transform.js';

process.env.PARALLELIZE_CACHE_DIR = mkdtempSync(join(tmpdir(), 'parallelize-data-files-'));
const dir = mkdtempSync(join(tmpdir(), 'parallelize-data-'));
let csv = 'id,region,qty,price\n';
for (let i = 0; i < 300000; i++) csv += `${i},r${i % 12},${(i % 9) + 1},${(i % 997) / 10}\n`;
writeFileSync(join(dir, 'sales.csv'), csv);
writeFileSync(join(dir, 'rows.json'), JSON.stringify(Array.from({ length: 200000 }, (_, i) => ({ id: i, v: i % 1000, tag: `t${i % 50}` }))));

const script = (revenueRounds: number, tagRounds: number) => `const fs = require('fs');
const path = require('path');
const FILE = path.join(__dirname, 'sales.csv');
const text = fs.readFileSync(FILE, 'utf8');
const rows = text.trim().split('\\n').slice(1).map((l) => { const [id, region, qty, price] = l.split(','); return { id: +id, region, qty: +qty, price: +price }; });
const records = JSON.parse(fs.readFileSync(path.join(__dirname, 'rows.json'), 'utf8'));
function revenueByRegion(rows, reps) {
  let out;
  for (let r = 0; r < reps; r++) {
    const m = new Map();
    for (const row of rows) m.set(row.region, (m.get(row.region) ?? 0) + row.qty * row.price);
    out = [...m].sort((a, b) => b[1] - a[1]);
  }
  return out;
}
function tagStats(records, reps) {
  let best = 0;
  for (let r = 0; r < reps; r++) {
    const counts = {};
    for (const rec of records) counts[rec.tag] = (counts[rec.tag] || 0) + rec.v * (r + 1);
    best = Math.max(best, ...Object.values(counts));
  }
  return best;
}
const rev = revenueByRegion(rows, ${revenueRounds});
const tags = tagStats(records, ${tagRounds});
console.log(rev[0], tags);
`;

test("a CSV's lines and a JSON file's elements, read from disk, price what reads them", () => {
  const a = analyze(script(30, 40), { filename: join(dir, 'report.js') });
  const ms = staticCosts(a);
  const at = (line: number) => ms[a.statements.find((s) => s.line === line)!.id];
  // 300 000 lines split into records: 270 ms measured (a thousand lines of unknown text before).
  assert.ok(at(5) > 60 && at(5) < 1000, `rows ${at(5)}`);
  // 200 000 JSON records: parsed in 120 ms, and 40 passes over them in 190 ms.
  assert.ok(at(6) > 30 && at(6) < 500, `parse ${at(6)}`);
  assert.ok(at(26) > 60, `tags ${at(26)}`);
  // A file that is not there leaves the size unknown.
  const missing = analyze(script(30, 40), { filename: join(dir, 'elsewhere', 'report.js') });
  const cost5 = staticCosts(missing)[missing.statements.find((s) => s.line === 5)!.id];
  assert.ok(cost5 < at(5) / 10, `missing ${cost5}`);
});

test('sending the records to a worker must pay even if the static times are three times too high', () => {
  // 0.22 s and 0.19 s of analyses (priced 0.8 and 0.55 s) behind a 5 MB clone: it ran at 0.76x.
  const marginal = transform(script(30, 40), { filename: join(dir, 'report.js'), workers: 2 });
  assert.match(marginal.sequentialReason ?? '', /three times too high/);
  // Four times the analyses: it ran at 1.46x.
  const heavy = transform(script(120, 160), { filename: join(dir, 'report.js'), workers: 2 });
  assert.equal(heavy.sequentialReason, undefined);
});
