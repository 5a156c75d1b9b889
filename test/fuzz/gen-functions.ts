// Function declarations (readers, writers, recursive, identity), function values, classes and instances.
import type { Ctx, FuncRole } from './context.js';
import { numAtom, numExpr } from './exprs.js';
import type { Gen } from './gen.js';
import { ensureHelper } from './gen-heavy.js';

/** Emits a function declaration inline or lets it float to any line (declarations are hoisted). */
function emitDecl(ctx: Ctx, code: string, name: string, role: FuncRole, cls?: string): void {
  if (ctx.rng.chance(0.45)) ctx.floating.push({ code });
  else ctx.emit(code);
  ctx.funcs.push({ name, role, cls });
}

function funcReader(ctx: Ctx): void {
  const name = ctx.fresh('f');
  const g = ctx.any('num', 'arr', 'obj', 'inst');
  const read = g ? numAtomOf(ctx, g.name, g.ty) : ctx.lit();
  ctx.feature('func-reader');
  if (g && (g.decl === 'let' || g.decl === 'var')) ctx.feature('closure-mutable');
  emitDecl(ctx, `function ${name}(k) {\n  return (k * ${ctx.lit(2, 9)} + ${read}) % 1000;\n}`, name, 'reader');
}

function numAtomOf(ctx: Ctx, name: string, ty: string): string {
  if (ty === 'arr') return `${name}.length`;
  if (ty === 'obj') return `${name}.x`;
  if (ty === 'inst') return `${name}.v`;
  return name;
}

function funcWriter(ctx: Ctx): void {
  const name = ctx.fresh('w');
  const target = ctx.rng.pick([...ctx.mutable('num'), ...ctx.of('arr', 'obj')]);
  ctx.feature('func-writer');
  let body: string;
  if (target.ty === 'num') body = `  ${target.name} = (${target.name} + k) % 1000;\n  return ${target.name};`;
  else if (target.ty === 'arr') body = `  ${target.name}.push(k);\n  return ${target.name}.length;`;
  else body = `  ${target.name}.x = (${target.name}.x + k) % 1000;\n  return ${target.name}.x;`;
  emitDecl(ctx, `function ${name}(k) {\n${body}\n}`, name, 'writer');
  // Call it at once, sometimes, so the write happens even without another reader.
  if (ctx.rng.chance(0.5)) {
    ctx.feature('call-stmt');
    ctx.emit(`${name}(${numAtom(ctx)});`);
  }
}

function funcRecursive(ctx: Ctx): void {
  const name = ctx.fresh('rec');
  ctx.feature('func-recursive');
  const code = ctx.rng.chance(0.5)
    ? `function ${name}(k) {\n  return k <= 1 ? 1 : (${name}(k - 1) * 2 + k) % 1000;\n}`
    : `function ${name}(k) {\n  return k < 2 ? k : ${name}(k - 1) + ${name}(k - 2);\n}`;
  emitDecl(ctx, code, name, 'recursive');
}

function funcIdentity(ctx: Ctx): void {
  const name = ctx.fresh('id');
  emitDecl(ctx, `function ${name}(v) {\n  return v;\n}`, name, 'identity');
}

function fnValue(ctx: Ctx): void {
  const name = ctx.fresh('fv');
  const g = ctx.any('num');
  ctx.feature('fn-value');
  if (ctx.rng.chance(0.3)) {
    // A seeded closure: every call advances state no statement is seen to change.
    const mk = ctx.fresh('mk');
    ctx.feature('closure-state');
    ctx.emit(`function ${mk}(seed) {\n  let s = seed;\n  return (k) => (s = (s * 31 + k) % 1009);\n}`);
    ctx.emit(`const ${name} = ${mk}(${ctx.lit()});`);
    ctx.declare({ name, ty: 'fn', decl: 'const' });
    // Two heavy users: placed apart, each would advance its own copy.
    ensureHelper(ctx);
    for (let u = 0; u < 2; u++) {
      const use = ctx.fresh('cs');
      ctx.emit(`const ${use} = ${name}(${ctx.lit(1, 9)}) + work(${ctx.lit()}, ${ctx.rng.pick([500, 2000])});`, true);
      ctx.declare({ name: use, ty: 'num', decl: 'const' });
    }
    return;
  }
  const body = `(k * ${ctx.lit(2, 5)} + ${g ? g.name : ctx.lit()}) % 1000`;
  ctx.emit(ctx.rng.chance(0.6) ? `const ${name} = (k) => ${body};` : `const ${name} = function (k) { return ${body}; };`);
  ctx.declare({ name, ty: 'fn', decl: 'const' });
}

function classDecl(ctx: Ctx): void {
  const name = ctx.fresh('C');
  // Some constructors bump a static counter: every `new` then mutates the class itself.
  const counting = ctx.rng.chance(0.4);
  ctx.feature('class', 'static');
  ctx.emit(
    [
      `class ${name} {`,
      `  static count = 0;`,
      `  constructor(v) {`,
      `    this.v = v;`,
      `    this.log = [];`,
      ...(counting ? [`    ${name}.count++;`] : []),
      `  }`,
      `  add(k) {`,
      `    this.v = (this.v + k) % 1000;`,
      `    this.log.push(k);`,
      `    return this;`,
      `  }`,
      `  total() {`,
      `    return this.log.reduce((l, r) => l + r, this.v);`,
      `  }`,
      `  static make(v) {`,
      `    return new ${name}(v * 2);`,
      `  }`,
      `}`,
    ].join('\n'),
  );
  ctx.classes.push(name);
  // Most classes get an instance right away: instances crossing statements is the point.
  if (ctx.rng.chance(0.7)) instance(ctx);
  if (ctx.rng.chance(0.4)) {
    const mk = ctx.fresh('mk');
    emitDecl(ctx, `function ${mk}(v) {\n  return new ${name}(v);\n}`, mk, 'factory', name);
  }
}

/**
 * A class that keeps a function and calls it as `this.fn(k)`: given an arrow that reads a global,
 * one that prints, or a script function that reads or writes globals.
 */
function keeperClass(ctx: Ctx): void {
  const name = ctx.fresh('K');
  ctx.feature('function-field');
  ctx.emit(`class ${name} {\n  constructor(fn) {\n    this.fn = fn;\n  }\n  run(k) {\n    return this.fn(k);\n  }\n}`);
  const inst = ctx.fresh('kp');
  const named = ctx.funcsOf('writer', 'reader');
  const g = ctx.any('num');
  const form = ctx.rng.int(0, 2);
  let fn: string;
  if (form === 0 && named.length > 0) fn = ctx.rng.pick(named).name;
  else if (form === 1) fn = `(k) => {\n  console.log('${inst}', k);\n  return k % 7;\n}`;
  else fn = `(k) => (k + ${g ? g.name : ctx.lit()}) % 1000`;
  ctx.emit(`const ${inst} = new ${name}(${fn});`);
  const r = ctx.fresh('r');
  ctx.emit(`const ${r} = ${inst}.run(${numAtom(ctx)});`);
  ctx.declare({ name: r, ty: 'num', decl: 'const' });
}

/**
 * A store into an instance under a key a callback hands over: a Map's key, an element of a list
 * of names, or an "index" that a forEach the script wrote itself makes an array. Some of them
 * put a shared array in the instance's own `log` field, which its `add` then pushes into.
 */
function keyedStore(ctx: Ctx): void {
  if (ctx.classes.length === 0) classDecl(ctx);
  if (ctx.of('inst').length === 0) instance(ctx);
  if (ctx.of('arr').length === 0) {
    const name = ctx.fresh('sa');
    ctx.emit(`const ${name} = [${ctx.lit()}, ${ctx.lit()}];`);
    ctx.declare({ name, ty: 'arr', decl: 'const' });
  }
  const inst = ctx.rng.pick(ctx.of('inst'));
  const arr = ctx.rng.pick(ctx.of('arr'));
  const n = ctx.fresh('ks');
  ctx.feature('keyed-store');
  const form = ctx.rng.int(0, 4);
  if (form === 0) ctx.emit(`new Map([['log', ${arr.name}], ['w', 1]]).forEach((val, key) => {\n  ${inst.name}[key] = val;\n});`);
  else if (form === 1) ctx.emit(`const ${n} = ['log', 'w'];\nfor (const nm of ${n}) ${inst.name}[nm] = nm === 'log' ? ${arr.name} : 2;`);
  else if (form === 2) ctx.emit(`[7, 8].forEach((x, i) => {\n  ${inst.name}[['w', 'z'][i]] = x + i;\n});`);
  else if (form === 3) ctx.emit(`const ${n} = [0];\n${n}.forEach = (f) => f(1, ${arr.name});\n${n}.forEach((x, i) => {\n  ${inst.name}['lo' + 'g'] = i;\n});`);
  else ctx.emit(`class ${n} {\n  forEach(f) {\n    f(0, ${arr.name});\n  }\n}\nnew ${n}().forEach((x, i) => {\n  ${inst.name}['lo' + 'g'] = i;\n});`);
  ctx.emit(`${inst.name}.add(${ctx.lit()});`);
}

function instance(ctx: Ctx): void {
  const cls = ctx.rng.pick(ctx.classes);
  const name = ctx.fresh('i');
  const factory = ctx.funcsOf('factory').find((f) => f.cls === cls);
  const form = ctx.rng.int(0, 2);
  const arg = numExpr(ctx);
  const init = form === 0 ? `new ${cls}(${arg})` : form === 1 || !factory ? `${cls}.make(${arg})` : `${factory.name}(${arg})`;
  ctx.feature('instance');
  ctx.emit(`const ${name} = ${init};`);
  ctx.declare({ name, ty: 'inst', decl: 'const', cls });
}

export function errorClass(ctx: Ctx): string {
  const name = ctx.fresh('XError');
  ctx.feature('error-class');
  const form = ctx.rng.int(0, 2);
  if (form === 0) ctx.emit(`class ${name} extends Error {}`);
  else if (form === 1) ctx.emit(`class ${name} extends Error {\n  constructor(m) {\n    super(m);\n    this.name = '${name}';\n  }\n}`);
  else ctx.emit(`class ${name} extends Error {\n  constructor(m) {\n    super(m);\n    this.name = '${name}';\n    this.code = ${ctx.lit()};\n  }\n}`);
  ctx.errorClasses.push(name);
  return name;
}

export const functionGens: Gen[] = [
  { name: 'reader', weight: 1.5, run: funcReader },
  { name: 'writer', weight: 1.5, when: (c) => c.mutable('num').length + c.of('arr', 'obj').length > 0, run: funcWriter },
  { name: 'recursive', weight: 0.7, run: funcRecursive },
  { name: 'identity', weight: 0.5, when: (c) => c.funcsOf('identity').length === 0, run: funcIdentity },
  { name: 'fn-value', weight: 1, run: fnValue },
  { name: 'class', weight: 1.2, when: (c) => c.classes.length < 2, run: classDecl },
  { name: 'instance', weight: 3, when: (c) => c.classes.length > 0, run: instance },
  { name: 'function-field', weight: 0.6, run: keeperClass },
  { name: 'keyed-store', weight: 0.5, run: keyedStore },
];
