/** A write that may not happen keeps the old value alive: the statement reads it too. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';

/** Does the statement on the last line receive `label` from the first statement? */
function keepsOld(body: string): boolean {
  const a = analyze(`let label = 'init-' + Math.sqrt(2);\nconst w = 3;\n${body}`);
  const last = a.statements.length - 1;
  return a.deps.edges.some((e) => e.from === 0 && e.to === last && e.kind === 'flow' && e.vars.includes('label'));
}

test('a write under a condition, in a loop, in try, behind a short-circuit or in a function body reads the old value', () => {
  for (const body of [
    "if (w > 5) label = 'big';",
    "for (const x of [w]) if (x > 5) label = 'big';",
    "try { label = JSON.parse('x'); } catch {}",
    "w > 5 && (label = 'big');",
    "label ||= 'big';",
    "function maybe() { if (w > 5) label = 'big'; }\nmaybe();",
    "const api = { rename(x) { label = x; } };",
    "const handlers = [() => { label = 'x'; }];",
  ]) {
    assert.ok(keepsOld(body), body);
  }
  // A write that always happens replaces the value: nothing to receive.
  assert.ok(!keepsOld("label = 'big';"));
  assert.ok(!keepsOld("[label] = ['a'];"));
});

test('`var x;` again declares nothing; a var and a function of one name keep the script in order', () => {
  const a = analyze("var label = 'a' + Math.sqrt(2);\nconst w = 3;\nvar label;\nconsole.log(label, w);");
  assert.deepEqual(a.statements[2].defines, []);
  const clash = analyze("var mode = Math.sqrt(2);\nfunction mode() { return 'fn'; }\nconsole.log(typeof mode);");
  assert.match(clash.sequentialReasons[0]?.reason ?? '', /declared both as a function and as a variable/);
});

test('a binding a deferred callback reads is changed on the main thread after the callback is registered', () => {
  for (const register of [
    "setTimeout(() => console.log('timer sees', late), 0);",
    "Promise.resolve(1).then((v) => console.log(v, late));",
    "process.on('exit', () => console.log('exit', late));",
    "function report() { console.log(late); }\nprocess.once('beforeExit', report);",
  ]) {
    const a = analyze(`let late = 'unset';\n${register}\nconst w = Math.sqrt(2);\nlate = 'set-' + w;\nconsole.log(w);`);
    const writer = a.statements.find((s) => s.line === a.statements.length - 1 && s.writes.includes('late'))!;
    assert.match(a.deps.pinned.get(writer.id) ?? '', /changes `late`, which a callback registered on line \d+ may read/, register);
  }
  // A write before the callback is registered reaches it through the registering statement.
  const before = analyze("let late = 'unset';\nlate = 'set-' + Math.sqrt(2);\nsetTimeout(() => console.log(late), 0);");
  assert.equal(before.deps.pinned.has(1), false);
});
