/**
 * Which bindings a profile run measures after each top-level statement, from the syntax alone.
 *
 * The analysis measures the values on its flow edges: what a statement wrote that a later one
 * reads. Without it (profile.ts does not load it, to start the script sooner), this measures after
 * statement i the top-level bindings that i may assign or whose objects i may change, and that
 * some later statement may read: every value the analysis's edges carry is measured, after the
 * statement that made it. (The analysis also puts on its edges bindings that only share an alias
 * class with what a statement changed; when this can tell such a binding's value did not change,
 * it is not measured again, as its measurement would repeat an earlier one.) What it follows:
 *
 * - declarations (destructuring included), assignments, updates, `delete`, and stores into members:
 *   `x = …`, `x.a.b = …`, `x[i]++` change `x`;
 * - calls: a method call changes its receiver (`x.push(…)`, `x.a.sort()` change `x`) and a call
 *   may change what its arguments reach (`f(x)`, `f(x.a)`), unless the callee is known not to:
 *   the analysis's pure built-ins (src/analyze/builtins.ts: `xs.map`, `Math.max`, `console.log`,
 *   `path.join`…, when the script defines no method of that name) and the script's own top-level functions,
 *   each summarised once: whether it may change its arguments (or objects inside them), what it
 *   returns, where it stores them, which top-level bindings it assigns, changes and mentions.
 *   Callbacks run with the values of the call; calling code we do not know may change everything
 *   it is given and run any function of the script;
 * - objects shared between bindings: a value is followed as its own object, its direct contents
 *   and deeper contents, so that `ys = xs.slice(); ys.push(0)` does not change `xs` but
 *   `ys[0].n = 0` does; a binding stored into another (`all.push(x)`, `state.first = x`) is inside
 *   it: changing `x` changes `all`, and a statement that reads `all` reads `x`. Like the
 *   analysis's alias classes, this is flow-insensitive: a link made anywhere holds everywhere.
 *
 * Locals are told from top-level bindings by their scopes (blocks, functions, catch clauses,
 * hoisting), so a function's own `const sales = []` does not match a top-level `sales`. Bindings
 * that never cross threads are not measured: functions, classes, imports, built-in requires, and
 * constants holding a number, boolean or short string literal (every thread has its own; their
 * size is what the static model says). Not followed, as in the analysis: user code run implicitly
 * by operators, template literals or built-ins (valueOf, toString, toJSON), and objects from other
 * modules whose methods share the name of a pure built-in one. Scripts with getters, setters or
 * proxies measure no value at all (reading a value could run code), nor do scripts with `eval` or
 * `with` (any name may be written).
 *
 * A value the over-approximation adds costs one more v8.serialize in the run; a value it
 * missed would be planned with the static size, as a value the profile never saw is.
 */
import type * as t from '@babel/types';
import { builtinModules, builtinName, callbackMethods, mutatingMethodReturns, mutatingMethods, pureConstructors, pureGlobalCalls, pureMethods, pureNamespaces, typedArrays } from '../analyze/builtins.js';

// Babel nodes, walked generically by their keys.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type N = { type: string; [key: string]: any };

/**
 * What an object may be: the object of a top-level binding (`inner` false) or an object inside
 * it (`inner` true); with no `top`, an argument of the function being summarised, or an object
 * inside one.
 */
interface Atom {
  top: Top | null;
  inner: boolean;
}
type Atoms = ReadonlySet<Atom>;
const EMPTY: Atoms = new Set();
const ARG_ROOT: Atom = { top: null, inner: false };
const ARG_INNER: Atom = { top: null, inner: true };

/** An abstract value: what its object may be, what its properties may be, what lies deeper. */
interface V {
  self: Atoms;
  c1: Atoms;
  c2: Atoms;
}
const NONE: V = { self: EMPTY, c1: EMPTY, c2: EMPTY };

interface Top {
  kind: 'top';
  name: string;
  /** May cross threads: not a function, class, import, built-in require or primitive constant. */
  measurable: boolean;
  /** Bound to a built-in module or a part of it (`require('node:fs')`): node's, never the script's; the module's name. */
  builtin?: string;
  root: Atom;
  inner: Atom;
  /** Top-level bindings whose objects may hold this one's object. */
  holders: Set<Top>;
  /** Top-level bindings this one's object may have been taken from (`b = a.x`): it may be any object inside them. */
  within: Set<Top>;
  /** Union-find parent: bindings that may share objects in any way. */
  parent: Top;
}
interface Local {
  kind: 'local';
  name: string;
  /** Function nesting depth of its scope (0: a block of a top-level statement). */
  level: number;
  self: Set<Atom>;
  c1: Set<Atom>;
  c2: Set<Atom>;
}
type Binding = Top | Local;

function newTop(name: string): Top {
  const top = { kind: 'top', name, measurable: true, holders: new Set(), within: new Set() } as unknown as Top;
  top.root = { top, inner: false };
  top.inner = { top, inner: true };
  top.parent = top;
  return top;
}

const topValue = (t: Top): V => ({ self: new Set([t.root]), c1: new Set([t.inner]), c2: new Set([t.inner]) });
const union = (a: Atoms, b: Atoms): Atoms => (b.size === 0 ? a : a.size === 0 ? b : new Set([...a, ...b]));
const join = (a: V, b: V): V => (b === NONE ? a : a === NONE ? b : { self: union(a.self, b.self), c1: union(a.c1, b.c1), c2: union(a.c2, b.c2) });
const atomsOf = (v: V): Atoms => union(union(v.self, v.c1), v.c2);
/** A property or element of the value. */
const element = (v: V): V => ({ self: v.c1, c1: v.c2, c2: v.c2 });
/** A fresh object holding the value. */
const holding = (v: V): V => ({ self: EMPTY, c1: v.self, c2: union(v.c1, v.c2) });
/** A fresh object with the value's properties (a copy, a spread). */
const copyOf = (v: V): V => ({ self: EMPTY, c1: v.c1, c2: v.c2 });
/** Anything reachable from these objects, as a value that may be any of them. */
const anyOf = (atoms: Atoms): V => ({ self: atoms, c1: atoms, c2: atoms });

/** Statements and scripts beyond which the analysis plans nothing (analyze/index.ts quickVerdict). */
const MAX_STATEMENTS = 1000;
const MAX_CHARS = 1_000_000;
/** A string constant shorter than this is left to the static model's size. */
const SHORT_STRING = 256;

const SKIP_KEYS = new Set(['type', 'loc', 'start', 'end', 'range', 'extra', 'leadingComments', 'trailingComments', 'innerComments']);

function forEachChild(node: N, fn: (child: N) => void): void {
  for (const key in node) {
    if (SKIP_KEYS.has(key)) continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c === 'object' && typeof c.type === 'string') fn(c);
    } else if (v && typeof v === 'object' && typeof v.type === 'string') fn(v);
  }
}

const isFunction = (n: N | null | undefined): boolean =>
  !!n && (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'FunctionDeclaration' ||
    n.type === 'ObjectMethod' || n.type === 'ClassMethod' || n.type === 'ClassPrivateMethod');

/** The name a member expression or object/class key reads, when it is written out. */
function keyName(key: N, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  return undefined;
}

/** Whether a property's value may be a function (then its key is a method name of the script). */
const mayBeFunction = (n: N | null | undefined): boolean =>
  !!n && !/Literal$|^(Object|Array|Binary|Unary|Update|New)Expression$/.test(n.type);

/** Methods the language calls without a call in sight: iterators, thenables, conversions. */
const IMPLICIT_METHODS = new Set(['next', 'return', 'throw', 'then', 'valueOf', 'toString', 'toJSON', 'toLocaleString']);

function isPrimitiveLiteral(n: N | null | undefined): boolean {
  if (!n) return false;
  if (['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'BigIntLiteral'].includes(n.type)) return true;
  if (n.type === 'TemplateLiteral') return n.expressions.length === 0;
  if (n.type === 'UnaryExpression') return ['-', '+', '!', '~'].includes(n.operator) && isPrimitiveLiteral(n.argument);
  return false;
}

// ───────────────────────────── scopes ─────────────────────────────

class Scope {
  readonly names = new Map<string, Binding>();
  constructor(readonly parent: Scope | null, readonly level: number) {}
  lookup(name: string): Binding | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const b = s.names.get(name);
      if (b) return b;
    }
    return undefined;
  }
}

/** Identifiers a binding pattern declares. */
function patternIds(p: N | null | undefined, out: N[] = []): N[] {
  if (!p) return out;
  switch (p.type) {
    case 'Identifier': out.push(p); break;
    case 'ObjectPattern': for (const prop of p.properties) patternIds(prop.type === 'RestElement' ? prop : prop.value, out); break;
    case 'ArrayPattern': for (const el of p.elements) patternIds(el, out); break;
    case 'AssignmentPattern': patternIds(p.left, out); break;
    case 'RestElement': patternIds(p.argument, out); break;
  }
  return out;
}

/** `var` declarations anywhere in these statements, not inside nested functions. */
function varIds(node: N, out: N[] = []): N[] {
  if (isFunction(node) || node.type === 'ClassDeclaration' || node.type === 'ClassExpression') return out;
  if (node.type === 'VariableDeclaration') {
    if (node.kind === 'var') for (const d of node.declarations) patternIds(d.id, out);
    return out; // initialisers are expressions: no declaration there outside functions
  }
  if (/Expression$|Literal$/.test(node.type)) return out;
  forEachChild(node, (c) => varIds(c, out));
  return out;
}

/** Lexical declarations directly in a block's statements (block-level functions included). */
function lexicalIds(statements: N[], out: N[] = []): N[] {
  for (let s of statements) {
    if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration) s = s.declaration;
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') for (const d of s.declarations) patternIds(d.id, out);
    else if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) out.push(s.id);
  }
  return out;
}

/**
 * Pass 1: scopes. Resolves every identifier that names a binding (references and declarations)
 * and notes what the later pass needs: names assigned anywhere, method names the script defines,
 * and whether it defines accessors or proxies, or uses eval or with.
 */
class Resolver {
  readonly ref = new Map<N, Binding>();
  readonly tops = new Map<string, Top>();
  /** Top-level bindings assigned somewhere after their declaration. */
  readonly assigned = new Set<Top>();
  /** Method names the script defines: a call by such a name may run its code. */
  readonly userMethods = new Set<string>();
  /** The script defines a method the language may call implicitly (an iterator, a thenable…). */
  implicit = false;
  accessors = false;
  dynamic = false;

  constructor(program: N) {
    const scope = new Scope(null, 0);
    const declareTop = (id: N) => {
      if (scope.names.has(id.name)) return;
      const top = newTop(id.name);
      scope.names.set(id.name, top);
      this.tops.set(id.name, top);
    };
    for (const s of program.body) if (s.type === 'ImportDeclaration') for (const sp of s.specifiers) declareTop(sp.local);
    for (const id of lexicalIds(program.body)) declareTop(id);
    for (const s of program.body) for (const id of varIds(s)) declareTop(id);
    for (const s of program.body) this.walk(s, scope);
  }

  /** A method or function-valued property named `name` (computed when undefined). */
  private method(name: string | undefined, value: N | null | undefined): void {
    if (value !== undefined && !mayBeFunction(value)) return;
    if (name === undefined || IMPLICIT_METHODS.has(name)) this.implicit = true;
    if (name !== undefined) this.userMethods.add(name);
  }

  private declare(scope: Scope, ids: N[]): void {
    for (const id of ids) if (!scope.names.has(id.name)) scope.names.set(id.name, { kind: 'local', name: id.name, level: scope.level, self: new Set(), c1: new Set(), c2: new Set() });
  }

  private resolve(id: N, scope: Scope): void {
    const b = scope.lookup(id.name);
    if (b) this.ref.set(id, b);
  }

  /** Marks the identifiers of an assignment target as assigned. */
  private assignedIn(target: N, scope: Scope): void {
    for (const id of patternIds(target)) {
      const b = scope.lookup(id.name);
      if (b?.kind === 'top') this.assigned.add(b);
    }
  }

  private block(statements: N[], scope: Scope): void {
    const inner = new Scope(scope, scope.level);
    this.declare(inner, lexicalIds(statements));
    for (const s of statements) this.walk(s, inner);
  }

  private fn(node: N, scope: Scope): void {
    let outer = scope;
    if (node.type === 'FunctionExpression' && node.id) {
      outer = new Scope(scope, scope.level + 1);
      this.declare(outer, [node.id]);
    }
    const inner = new Scope(outer, scope.level + 1);
    const params: N[] = [];
    for (const p of node.params) patternIds(p, params);
    this.declare(inner, params);
    if (node.body.type === 'BlockStatement') {
      this.declare(inner, varIds(node.body));
      this.declare(inner, lexicalIds(node.body.body));
    }
    if (node.key && node.computed) this.walk(node.key, scope);
    for (const p of node.params) this.pattern(p, inner);
    if (node.body.type === 'BlockStatement') for (const s of node.body.body) this.walk(s, inner);
    else this.walk(node.body, inner);
  }

  private cls(node: N, scope: Scope): void {
    if (node.superClass) this.walk(node.superClass, scope);
    let inner = scope;
    if (node.type === 'ClassExpression' && node.id) {
      inner = new Scope(scope, scope.level);
      this.declare(inner, [node.id]);
    }
    for (const m of node.body.body) {
      if (m.computed && m.key) this.walk(m.key, inner);
      const name = m.key ? keyName(m.key, m.computed) : undefined;
      if (m.type === 'ClassMethod' || m.type === 'ClassPrivateMethod') {
        if (m.kind === 'get' || m.kind === 'set') this.accessors = true;
        if (m.kind !== 'constructor' && m.type === 'ClassMethod') this.method(name, undefined);
        if (m.generator || m.async) this.implicit = true;
        this.fn({ ...m, key: null }, inner);
      } else if (m.type === 'StaticBlock') {
        this.block(m.body, new Scope(inner, inner.level + 1));
      } else if (m.value) {
        if (m.type === 'ClassProperty') this.method(name, m.value);
        this.walk(m.value, new Scope(inner, inner.level + 1));
      }
    }
  }

  /** A binding pattern: its identifiers resolve; defaults and computed keys are expressions. */
  private pattern(p: N | null, scope: Scope): void {
    if (!p) return;
    switch (p.type) {
      case 'Identifier': this.resolve(p, scope); break;
      case 'ObjectPattern':
        for (const prop of p.properties) {
          if (prop.type === 'RestElement') this.pattern(prop.argument, scope);
          else {
            if (prop.computed) this.walk(prop.key, scope);
            this.pattern(prop.value, scope);
          }
        }
        break;
      case 'ArrayPattern': for (const el of p.elements) this.pattern(el, scope); break;
      case 'AssignmentPattern': this.pattern(p.left, scope); this.walk(p.right, scope); break;
      case 'RestElement': this.pattern(p.argument, scope); break;
      default: this.walk(p, scope); // a member expression as an assignment target
    }
  }

  private walk(node: N, scope: Scope): void {
    switch (node.type) {
      case 'Identifier': this.resolve(node, scope); return;
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        this.walk(node.object, scope);
        if (node.computed) this.walk(node.property, scope);
        return;
      case 'ObjectProperty': {
        if (node.computed) this.walk(node.key, scope);
        this.method(keyName(node.key, node.computed), node.value);
        this.walk(node.value, scope);
        return;
      }
      case 'ObjectMethod': {
        if (node.kind === 'get' || node.kind === 'set') this.accessors = true;
        this.method(keyName(node.key, node.computed), undefined);
        if (node.generator || node.async) this.implicit = true;
        this.fn(node, scope);
        return;
      }
      case 'FunctionDeclaration':
        if (node.id) this.resolve(node.id, scope);
        this.fn(node, scope);
        return;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.fn(node, scope);
        return;
      case 'ClassDeclaration':
        if (node.id) this.resolve(node.id, scope);
        this.cls(node, scope);
        return;
      case 'ClassExpression': this.cls(node, scope); return;
      case 'BlockStatement': this.block(node.body, scope); return;
      case 'StaticBlock': this.block(node.body, new Scope(scope, scope.level + 1)); return;
      case 'SwitchStatement': {
        this.walk(node.discriminant, scope);
        this.block(node.cases, scope); // SwitchCase: lexicalIds finds nothing at this level…
        return;
      }
      case 'SwitchCase': {
        // …so the cases declare into the switch's scope here.
        const statements: N[] = node.consequent;
        if (node.test) this.walk(node.test, scope);
        for (const id of lexicalIds(statements)) if (!scope.names.has(id.name)) this.declare(scope, [id]);
        for (const s of statements) this.walk(s, scope);
        return;
      }
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement': {
        const head = node.type === 'ForStatement' ? node.init : node.left;
        const inner = new Scope(scope, scope.level);
        if (head?.type === 'VariableDeclaration' && head.kind !== 'var') this.declare(inner, head.declarations.flatMap((d: N) => patternIds(d.id)));
        if (node.type !== 'ForStatement' && head && head.type !== 'VariableDeclaration') this.assignedIn(head, inner);
        forEachChild(node, (c) => this.walk(c, inner));
        return;
      }
      case 'CatchClause': {
        const inner = new Scope(scope, scope.level);
        this.declare(inner, patternIds(node.param));
        this.pattern(node.param, inner);
        this.walk(node.body, inner);
        return;
      }
      case 'VariableDeclaration':
        for (const d of node.declarations) {
          this.pattern(d.id, scope);
          if (d.init) this.walk(d.init, scope);
        }
        return;
      case 'AssignmentExpression':
        this.assignedIn(node.left, scope);
        this.pattern(node.left, scope);
        this.walk(node.right, scope);
        if (node.left.type === 'MemberExpression' || node.left.type === 'OptionalMemberExpression') {
          this.method(keyName(node.left.property, node.left.computed), node.right);
        }
        return;
      case 'UpdateExpression':
        this.assignedIn(node.argument, scope);
        this.walk(node.argument, scope);
        return;
      case 'CallExpression':
      case 'OptionalCallExpression':
      case 'NewExpression': {
        const c = node.callee;
        if (node.type === 'NewExpression' && c.type === 'Identifier' && c.name === 'Proxy') this.accessors = true;
        if (c.type === 'MemberExpression' || c.type === 'OptionalMemberExpression') {
          const name = keyName(c.property, c.computed);
          const on = c.object.type === 'Identifier' ? c.object.name : undefined;
          if (name && (/^__define[GS]etter__$/.test(name) || (on === 'Object' && /^define(Property|Properties)$/.test(name)) ||
            (on === 'Object' && name === 'create' && node.arguments.length > 1) ||
            (on === 'Reflect' && name === 'defineProperty') || (on === 'Proxy' && name === 'revocable'))) this.accessors = true;
        }
        if (node.type === 'CallExpression' && c.type === 'Identifier' && c.name === 'eval') this.dynamic = true;
        forEachChild(node, (ch) => this.walk(ch, scope));
        return;
      }
      case 'WithStatement': this.dynamic = true; forEachChild(node, (c) => this.walk(c, scope)); return;
      case 'LabeledStatement': this.walk(node.body, scope); return;
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
      case 'PrivateName':
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
        return;
      case 'ExportNamedDeclaration':
        if (node.declaration) this.walk(node.declaration, scope);
        else if (!node.source) for (const sp of node.specifiers) if (sp.local) this.resolve(sp.local, scope);
        return;
      default:
        forEachChild(node, (c) => this.walk(c, scope));
    }
  }
}

// ───────────────────────────── effects ─────────────────────────────

/** What one top-level statement or one top-level function does to top-level bindings. */
class Effects {
  readonly writes = new Set<Top>();
  /** Bindings whose own object may change. */
  readonly changedRoot = new Set<Top>();
  /** Bindings an object inside of which may change. */
  readonly changedInner = new Set<Top>();
  readonly mentions = new Set<Top>();
  readonly calls = new Set<Effects>();
  unknownCall = false;
  /** For a function: it may change the objects it is given, or objects inside them. */
  changesArgRoot = false;
  changesArgInner = false;
  /** For a function: it may store what it is given into objects it is given, or store other objects into them. */
  linksArgs = false;
  /** For a function: top-level bindings it may store what it is given into… */
  readonly argSinks = new Set<Top>();
  /** …assign what it is given to… */
  readonly argSame = new Set<Top>();
  /** …or store into what it is given. */
  readonly argHolds = new Set<Top>();
  /** For a function: what it may return. */
  readonly returns = { self: new Set<Atom>(), c1: new Set<Atom>(), c2: new Set<Atom>() };
  /** Values thrown (for catch parameters). */
  readonly thrown = { self: new Set<Atom>(), c1: new Set<Atom>(), c2: new Set<Atom>() };
  signature(): string {
    const r = this.returns;
    return [this.changesArgRoot, this.changesArgInner, this.linksArgs, this.argSinks.size, this.argSame.size, this.argHolds.size, r.self.size, r.c1.size, r.c2.size,
      this.writes.size, this.changedRoot.size, this.changedInner.size, this.mentions.size, this.calls.size, this.unknownCall].join('|');
  }
}

interface Frame {
  level: number;
  arrow: boolean;
  /** The value of its arguments. */
  args: V;
  returns: { self: Set<Atom>; c1: Set<Atom>; c2: Set<Atom> };
  captured: Set<Atom>;
}

function find(x: Top): Top {
  while (x.parent !== x) {
    x.parent = x.parent.parent;
    x = x.parent;
  }
  return x;
}

function addAll(into: Set<Atom>, from: Atoms): boolean {
  let grew = false;
  for (const a of from) {
    if (!into.has(a)) {
      into.add(a);
      grew = true;
    }
  }
  return grew;
}

const CONTAINER_CONSTRUCTORS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object', 'AggregateError']);
/** Pure methods whose result is an element of the receiver, or the receiver itself. */
const ELEMENT_RESULT = new Set(['find', 'findLast', 'at', 'get']);
const RECEIVER_RESULT = new Set(['valueOf', 'subarray', 'update']);
/** Pure methods whose result is a new container of the receiver's elements (and the arguments'). */
const COPY_RESULT = new Set(['slice', 'concat', 'flat', 'filter', 'toSorted', 'toReversed', 'toSpliced', 'with', 'keys', 'values', 'entries']);
/**
 * Constructors whose instance keeps nothing of its arguments that a measurement sees. A typed array
 * may view a buffer it is given, but writes through it change neither the buffer's size nor its kind.
 */
const FRESH_CONSTRUCTORS = new Set(['Date', 'RegExp', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'Error', 'TypeError',
  'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'Boolean', 'Number', 'String', 'Intl', 'ArrayBuffer',
  'SharedArrayBuffer', 'DataView', ...typedArrays]);

/** Pass 2: the effects of statements and functions, in the style of an abstract interpreter. */
class Evaluator {
  /** Top-level functions never assigned: summarised once each, applied where called by name. */
  readonly known = new Map<Top, Effects>();
  /** What any function body of the script does: the effects of calling unknown code. */
  readonly anyFunction = new Effects();
  private fx = new Effects();
  private frames: Frame[] = [];
  private changed = false;

  constructor(private readonly r: Resolver) {}

  // ── bookkeeping
  private get inFunction() {
    return this.frames.length > 0;
  }
  private mention(top: Top) {
    this.fx.mentions.add(top);
    if (this.inFunction) this.anyFunction.mentions.add(top);
  }
  private write(top: Top) {
    this.fx.writes.add(top);
    if (this.inFunction) this.anyFunction.writes.add(top);
  }
  private change(atoms: Atoms) {
    for (const a of atoms) {
      if (!a.top) {
        if (a.inner) this.fx.changesArgInner = true;
        else this.fx.changesArgRoot = true;
        continue;
      }
      (a.inner ? this.fx.changedInner : this.fx.changedRoot).add(a.top);
      if (this.inFunction) (a.inner ? this.anyFunction.changedInner : this.anyFunction.changedRoot).add(a.top);
    }
  }
  /** The objects `what` may now be inside the objects `into` (or be them). */
  private hold(into: Atoms, what: Atoms) {
    if (what.size === 0 || into.size === 0) return;
    const argInto = [...into].some((a) => !a.top);
    const argWhat = [...what].some((a) => !a.top);
    if (argInto && argWhat) this.fx.linksArgs = true;
    for (const c of into) {
      if (!c.top) {
        for (const w of what) if (w.top) this.fx.argHolds.add(w.top);
        continue;
      }
      for (const w of what) {
        if (!w.top) {
          this.fx.argSinks.add(c.top);
          continue;
        }
        // A binding's object inside another; an object inside a binding inside another only shares.
        if (!w.inner && w.top !== c.top) w.top.holders.add(c.top);
        const a = find(c.top);
        const b = find(w.top);
        if (a !== b) b.parent = a;
      }
    }
  }
  /** Everything given to code we do not know may end up inside everything else given. */
  private holdEachOther(atoms: Atoms) {
    this.hold(atoms, atoms);
  }
  private grow(local: Local, v: V) {
    if (addAll(local.self, v.self)) this.changed = true;
    if (addAll(local.c1, v.c1)) this.changed = true;
    if (addAll(local.c2, v.c2)) this.changed = true;
  }
  private unknown() {
    this.fx.unknownCall = true;
    if (this.inFunction) this.anyFunction.unknownCall = true;
  }
  /** Iterating, spreading, awaiting a value may run a method the script defines. */
  private unknownIfImplicit() {
    if (this.r.implicit) this.unknown();
  }

  // ── values
  private read(id: N): V {
    const b = this.r.ref.get(id);
    if (!b) {
      if (id.name === 'arguments') {
        for (let i = this.frames.length - 1; i >= 0; i--) if (!this.frames[i].arrow) return holding(this.frames[i].args);
      }
      return NONE;
    }
    let v: V;
    if (b.kind === 'top') {
      this.mention(b);
      // fs.readFileSync(file): node's function, given `file`; the module object is not the script's.
      if (b.builtin) return NONE;
      v = topValue(b);
    } else v = { self: b.self, c1: b.c1, c2: b.c2 };
    const level = b.kind === 'top' ? 0 : b.level;
    for (let i = this.frames.length - 1; i >= 0 && this.frames[i].level > level; i--) addAll(this.frames[i].captured, atomsOf(v));
    return v;
  }

  /** Assigns a value to a target: an identifier, a member, a pattern. */
  private assign(target: N | null, v: V): void {
    if (!target) return;
    switch (target.type) {
      case 'Identifier': {
        const b = this.r.ref.get(target);
        if (!b) return;
        if (b.kind === 'local') {
          this.grow(b, v);
          return;
        }
        this.write(b);
        this.mention(b);
        // The binding's object may be another binding's (then each holds the other) or inside it…
        for (const a of v.self) {
          if (!a.top) {
            this.fx.argSame.add(b);
            continue;
          }
          if (a.top === b) continue;
          b.holders.add(a.top);
          if (!a.inner) a.top.holders.add(b);
          else b.within.add(a.top);
          const x = find(a.top);
          const y = find(b);
          if (x !== y) y.parent = x;
        }
        // …and hold what the value holds.
        this.hold(new Set([b.root]), union(v.c1, v.c2));
        return;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const container = this.ev(target.object);
        if (target.computed) this.ev(target.property);
        this.change(container.self);
        this.store(target.object, container, v);
        return;
      }
      case 'ObjectPattern':
        for (const p of target.properties) {
          if (p.type === 'RestElement') this.assign(p.argument, copyOf(v));
          else {
            if (p.computed) this.ev(p.key);
            this.assign(p.value, element(v));
          }
        }
        return;
      case 'ArrayPattern':
        this.unknownIfImplicit();
        for (const el of target.elements) {
          if (el?.type === 'RestElement') this.assign(el.argument, copyOf(v));
          else this.assign(el, element(v));
        }
        return;
      case 'AssignmentPattern':
        this.assign(target.left, join(v, this.ev(target.right)));
        return;
      case 'RestElement':
        this.assign(target.argument, copyOf(v));
        return;
      default:
        this.ev(target);
    }
  }

  /** `obj.x = v`, `obj.push(v)`: the object `obj` now holds `v`. */
  private store(objNode: N, obj: V, v: V): void {
    if (v === NONE || atomsOf(v).size === 0) return;
    // A local's own object, or deeper ones, hold the value now.
    let depth = 0;
    let n = objNode;
    while (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression' || n.type === 'ParenthesizedExpression') {
      if (n.type !== 'ParenthesizedExpression') depth++;
      n = n.type === 'ParenthesizedExpression' ? n.expression : n.object;
    }
    const b = n.type === 'Identifier' ? this.r.ref.get(n) : undefined;
    if (b?.kind === 'local') this.grow(b, depth === 0 ? { self: EMPTY, c1: v.self, c2: union(v.c1, v.c2) } : { self: EMPTY, c1: EMPTY, c2: atomsOf(v) });
    this.hold(obj.self, atomsOf(v));
  }

  /** Walks a function called with these arguments: what calling it may return, and what it captures. */
  private fn(node: N, args: V): { returns: V; captured: Atoms } {
    const frame: Frame = {
      level: (this.frames.at(-1)?.level ?? 0) + 1, arrow: node.type === 'ArrowFunctionExpression', args,
      returns: { self: new Set(), c1: new Set(), c2: new Set() }, captured: new Set(),
    };
    this.frames.push(frame);
    try {
      this.body(node, frame);
    } finally {
      this.frames.pop();
    }
    return { returns: frame.returns, captured: frame.captured };
  }

  private body(node: N, frame: Frame): void {
    for (const p of node.params) {
      if (p.type === 'RestElement') this.assign(p.argument, holding(frame.args));
      else this.assign(p, frame.args);
    }
    if (node.body.type === 'BlockStatement') for (const s of node.body.body) this.ev(s);
    else {
      const v = this.ev(node.body);
      addAll(frame.returns.self, v.self);
      addAll(frame.returns.c1, v.c1);
      addAll(frame.returns.c2, v.c2);
    }
  }

  /** A function as a value: a fresh object; calling it may return what it captured. */
  private closure(captured: Atoms): V {
    return captured.size === 0 ? NONE : { self: EMPTY, c1: captured, c2: captured };
  }

  private cls(node: N): V {
    if (node.superClass) this.ev(node.superClass);
    const captured = new Set<Atom>();
    for (const m of node.body.body) {
      if (m.computed && m.key) this.ev(m.key);
      if (m.type === 'ClassMethod' || m.type === 'ClassPrivateMethod') addAll(captured, this.fn(m, NONE).captured);
      else if (m.type === 'StaticBlock') addAll(captured, this.fn({ type: 'FunctionExpression', params: [], body: { type: 'BlockStatement', body: m.body } }, NONE).captured);
      else if (m.value) addAll(captured, this.fn({ type: 'ArrowFunctionExpression', params: [], body: m.value }, NONE).captured);
    }
    return this.closure(captured);
  }

  /**
   * The arguments of a call: their joined value, and what callbacks among them return. Callbacks
   * (inline functions, and at `callbackAt` a function by name) are walked as called with `args`
   * joined with the other arguments.
   */
  private args(nodes: N[], args: V, callbackAt?: number): { all: V; returns: V } {
    let all = NONE;
    const callbacks: N[] = [];
    for (const [i, a] of nodes.entries()) {
      if (a.type === 'SpreadElement') {
        this.unknownIfImplicit();
        all = join(all, element(this.ev(a.argument)));
      } else if (a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression' || i === callbackAt) callbacks.push(a);
      else all = join(all, this.ev(a));
    }
    let returns = NONE;
    const given = join(args, all);
    for (const c of callbacks) {
      if (c.type === 'FunctionExpression' || c.type === 'ArrowFunctionExpression') {
        const f = this.fn(c, given);
        all = join(all, this.closure(f.captured));
        returns = join(returns, f.returns);
        continue;
      }
      // A function by name where a pure built-in calls back: a known function is called with the elements.
      const g = c.type === 'Identifier' ? this.knownAt(c) : undefined;
      const v = this.ev(c);
      if (g) returns = join(returns, this.applyKnown(g, given));
      else returns = join(returns, this.unknownCall(join(v, given), NONE));
    }
    return { all, returns };
  }

  private knownAt(id: N): Effects | undefined {
    const b = this.r.ref.get(id);
    return b?.kind === 'top' ? this.known.get(b) : undefined;
  }

  /** A call of a summarised function with arguments of this value: its result. */
  private applyKnown(g: Effects, args: V): V {
    this.fx.calls.add(g);
    if (g.changesArgRoot) this.change(args.self);
    if (g.changesArgInner) this.change(union(args.c1, args.c2));
    const given = atomsOf(args);
    if (g.linksArgs) this.holdEachOther(given);
    const roots = (tops: Set<Top>) => new Set<Atom>([...tops].map((t) => t.root));
    if (g.argSinks.size > 0) this.hold(roots(g.argSinks), given);
    if (g.argHolds.size > 0) this.hold(given, roots(g.argHolds));
    if (g.argSame.size > 0) {
      this.hold(roots(g.argSame), given);
      this.hold(given, roots(g.argSame));
    }
    const map = (atoms: Atoms) => {
      const out = new Set<Atom>();
      for (const a of atoms) {
        if (a.top) out.add(a);
        else addAll(out, a.inner ? union(args.c1, args.c2) : args.self);
      }
      return out;
    };
    return { self: map(g.returns.self), c1: map(g.returns.c1), c2: map(g.returns.c2) };
  }

  /**
   * Code we know nothing of (`fn` is what we know of the callee), given a receiver and arguments:
   * it may change them and keep each inside the others or in what the callee holds, and run any
   * function of the script. What a function of the script does with what it holds is counted
   * where its body is.
   */
  private unknownCall(fn: V, recvAndArgs: V): V {
    this.unknown();
    const given = atomsOf(recvAndArgs);
    const everything = union(atomsOf(fn), given);
    this.change(given);
    if (given.size > 0) this.holdEachOther(everything);
    return anyOf(everything);
  }

  /** A call of a built-in module's function: pure ones (the analysis's table) change nothing they are given. */
  private builtinCall(module: string, name: string | undefined, nodes: N[]): V {
    const mod = builtinModules.get(module);
    const kind = mod && !mod.effect && name !== undefined ? (mod.pure?.[name] ?? mod.defaultKind) : undefined;
    if (kind === undefined) {
      const { all, returns } = this.args(nodes, NONE);
      return join(this.unknownCall(NONE, all), returns);
    }
    const { all } = this.args(nodes, NONE);
    return kind === 'prim' ? NONE : { self: EMPTY, c1: atomsOf(all), c2: atomsOf(all) };
  }

  /** The built-in module a callee belongs to (`fs.readFileSync`, `path.posix.join`, a destructured `join`). */
  private builtinOf(callee: N): string | undefined {
    const root = rootId(callee);
    const b = root ? this.r.ref.get(root) : undefined;
    if (b?.kind !== 'top' || b.builtin === undefined) return undefined;
    this.read(root!);
    return b.builtin;
  }

  private callExpr(callee: N, nodes: N[], isNew: boolean): V {
    const module = isNew ? undefined : this.builtinOf(callee);
    if (module !== undefined) {
      const name = callee.type === 'Identifier' ? callee.name : keyName(callee.property, callee.computed);
      return this.builtinCall(module, name, nodes);
    }
    if (callee.type === 'Identifier') {
      const b = this.r.ref.get(callee);
      if (!isNew && b?.kind === 'top' && this.known.has(b)) {
        this.read(callee);
        const g = this.known.get(b)!;
        // Callbacks may be called with what the function reaches: its arguments and the bindings it mentions.
        const reach = new Set<Atom>();
        for (const top of g.mentions) reach.add(top.root).add(top.inner);
        const { all } = this.args(nodes, anyOf(reach));
        return this.applyKnown(g, all);
      }
      if (!b) {
        const name = callee.name as string;
        if (isNew ? pureConstructors.has(name) : pureGlobalCalls.has(name) || name === 'require') {
          const { all } = this.args(nodes, NONE);
          if (isNew && FRESH_CONSTRUCTORS.has(name)) return NONE;
          // new Map(entries), new Set(xs), new Array(a, b): a fresh object holding theirs. Typed arrays may view a buffer.
          if (isNew && CONTAINER_CONSTRUCTORS.has(name)) return { self: EMPTY, c1: atomsOf(all), c2: atomsOf(all) };
          if (isNew) return anyOf(atomsOf(all));
          if (name === 'require' || name === 'structuredClone' || pureGlobalCalls.get(name) === 'prim') return NONE;
          return anyOf(atomsOf(all));
        }
      }
      const fnValue = this.ev(callee);
      const { all, returns } = this.args(nodes, anyOf(atomsOf(fnValue)));
      return join(this.unknownCall(fnValue, all), returns);
    }
    if (!isNew && (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression')) {
      const name = keyName(callee.property, callee.computed);
      const obj = callee.object;
      // A global namespace: Math.max, JSON.stringify, Array.from, console.log, process.stdout.write…
      const global = obj.type === 'Identifier' && !this.r.ref.has(obj) ? (obj.name as string) : undefined;
      if (global && name) {
        if (global === 'console') return this.args(nodes, NONE), NONE;
        const ns = pureNamespaces.get(global);
        if (ns) {
          const { all, returns } = this.args(nodes, NONE, global === 'Array' && name === 'from' ? 1 : undefined);
          if (ns.mutatesArg0?.includes(name)) {
            const first = nodes[0] && nodes[0].type !== 'SpreadElement' ? this.ev(nodes[0]) : all;
            this.change(first.self);
            this.store(nodes[0] ?? obj, first, all);
            return first;
          }
          const kind = ns.returns?.[name] ?? ns.defaultKind;
          if (kind === 'prim' || (global === 'JSON' && name === 'parse')) return NONE;
          if (global === 'Array' && name === 'from') {
            // Array.from({ length: n }, fn): only what fn returns; Array.from(xs): xs's elements.
            const source = nodes[0]?.type === 'ObjectExpression' && isLengthOnly(nodes[0]) ? NONE : copyOf(nodes[0] ? this.ev(nodes[0]) : NONE);
            return join(source, holding(returns));
          }
          return anyOf(atomsOf(join(all, returns)));
        }
      }
      if (obj.type === 'MemberExpression' && !obj.computed && obj.object.type === 'Identifier' && obj.object.name === 'process' &&
        !this.r.ref.has(obj.object) && ['stdout', 'stderr'].includes(obj.property.name) && name === 'write') {
        return this.args(nodes, NONE), NONE;
      }
      const recv = this.ev(obj);
      if (callee.computed) this.ev(callee.property);
      const mine = name !== undefined && this.r.userMethods.has(name);
      if (name !== undefined && !mine && pureMethods.has(name) && !['call', 'apply', 'bind'].includes(name)) {
        const at = callbackMethods.has(name) ? (name === 'replace' || name === 'replaceAll' ? 1 : 0) : undefined;
        // A callback gets the elements, their index, the receiver itself (and reduce's accumulator).
        const { all, returns } = this.args(nodes, join(recv, element(recv)), at);
        // 'data' results (split, match, exec) are fresh arrays of strings.
        if (pureMethods.get(name) === 'prim' || pureMethods.get(name) === 'data') return NONE;
        if (ELEMENT_RESULT.has(name)) return element(recv);
        if (RECEIVER_RESULT.has(name)) return recv;
        if (name === 'map' || name === 'flatMap') return holding(returns);
        if (COPY_RESULT.has(name)) return join(copyOf(recv), holding(all));
        // The accumulator: the initial value, what the callback returns, or the first element.
        if (name === 'reduce' || name === 'reduceRight') return join(join(element(recv), all), returns);
        if (name === 'matchAll') return NONE;
        return anyOf(atomsOf(join(join(recv, all), returns)));
      }
      if (name !== undefined && !mine && mutatingMethods.has(name)) {
        // A built-in that changes its receiver and keeps its arguments in it; sort's comparator gets the elements.
        const { all, returns } = this.args(nodes, join(recv, element(recv)), name === 'sort' ? 0 : undefined);
        this.change(recv.self);
        this.store(obj, recv, all);
        const kind = mutatingMethodReturns.get(name);
        return kind === 'receiver' ? recv : kind === 'element' ? element(recv) : kind === 'prim' ? NONE : anyOf(atomsOf(join(join(recv, all), returns)));
      }
      const { all, returns } = this.args(nodes, join(recv, element(recv)));
      return join(this.unknownCall(NONE, join(recv, all)), returns);
    }
    const fnValue = callee.type === 'Super' || callee.type === 'Import' ? NONE : this.ev(callee);
    const { all, returns } = this.args(nodes, anyOf(atomsOf(fnValue)));
    return join(this.unknownCall(fnValue, all), returns);
  }

  private list(nodes: (N | null)[]): V {
    let out = NONE;
    for (const el of nodes) {
      if (!el) continue;
      if (el.type === 'SpreadElement') {
        this.unknownIfImplicit();
        out = join(out, element(this.ev(el.argument)));
      } else out = join(out, this.ev(el));
    }
    return holding(out);
  }

  /** Evaluates a node; for an expression, its value. */
  ev(n: N): V {
    switch (n.type) {
      case 'Identifier': return this.read(n);
      case 'ThisExpression':
      case 'Super':
      case 'StringLiteral':
      case 'NumericLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
      case 'RegExpLiteral':
      case 'BigIntLiteral':
      case 'DecimalLiteral':
      case 'MetaProperty':
      case 'PrivateName':
      case 'Import':
      case 'EmptyStatement':
      case 'DebuggerStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'Directive':
        return NONE;
      case 'TemplateLiteral':
        for (const e of n.expressions) this.ev(e);
        return NONE;
      case 'ArrayExpression':
        return this.list(n.elements);
      case 'ObjectExpression': {
        let inside = NONE;
        for (const p of n.properties) {
          if (p.type === 'ObjectMethod') {
            if (p.computed) this.ev(p.key);
            inside = join(inside, this.closure(this.fn(p, NONE).captured));
          } else if (p.type === 'SpreadElement') {
            inside = join(inside, element(this.ev(p.argument)));
          } else {
            if (p.computed) this.ev(p.key);
            inside = join(inside, this.ev(p.value));
          }
        }
        return holding(inside);
      }
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this.closure(this.fn(n, NONE).captured);
      case 'ClassExpression':
        return this.cls(n);
      case 'UnaryExpression':
        if (n.operator === 'delete' && (n.argument.type === 'MemberExpression' || n.argument.type === 'OptionalMemberExpression')) {
          this.change(this.ev(n.argument.object).self);
          if (n.argument.computed) this.ev(n.argument.property);
        } else this.ev(n.argument);
        return NONE;
      case 'UpdateExpression':
        this.assign(n.argument, NONE);
        return NONE;
      case 'BinaryExpression':
        this.ev(n.left);
        this.ev(n.right);
        return NONE;
      case 'LogicalExpression':
        return join(this.ev(n.left), this.ev(n.right));
      case 'ConditionalExpression':
        this.ev(n.test);
        return join(this.ev(n.consequent), this.ev(n.alternate));
      case 'SequenceExpression': {
        let last = NONE;
        for (const e of n.expressions) last = this.ev(e);
        return last;
      }
      case 'ParenthesizedExpression':
        return this.ev(n.expression);
      case 'AssignmentExpression': {
        const logical = n.operator === '||=' || n.operator === '&&=' || n.operator === '??=';
        const v = n.operator === '=' ? this.ev(n.right) : logical ? join(this.ev(n.right), this.ev(n.left)) : (this.ev(n.right), NONE);
        this.assign(n.left, v);
        return v;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const o = this.ev(n.object);
        if (n.computed) this.ev(n.property);
        // Lengths and sizes are numbers.
        if (!n.computed && ['length', 'size', 'byteLength', 'byteOffset'].includes(n.property.name)) return NONE;
        return element(o);
      }
      case 'CallExpression':
      case 'OptionalCallExpression':
        return this.callExpr(n.callee, n.arguments, false);
      case 'NewExpression':
        return this.callExpr(n.callee, n.arguments, true);
      case 'TaggedTemplateExpression':
        return this.callExpr(n.tag, n.quasi.expressions, false);
      case 'ImportExpression':
        this.ev(n.source);
        this.unknown();
        return NONE;
      case 'AwaitExpression':
        this.unknownIfImplicit(); // a thenable's `then`
        return this.ev(n.argument);
      case 'YieldExpression':
        if (n.argument) this.ev(n.argument);
        if (n.delegate) this.unknownIfImplicit();
        return NONE;
      case 'SpreadElement':
        return this.ev(n.argument);
      // ── statements
      case 'VariableDeclaration':
        for (const d of n.declarations) this.assign(d.id, d.init ? this.ev(d.init) : NONE);
        return NONE;
      case 'FunctionDeclaration': {
        const f = this.closure(this.fn(n, NONE).captured);
        const b = n.id ? this.r.ref.get(n.id) : undefined;
        if (b?.kind === 'local') this.grow(b, f);
        return NONE;
      }
      case 'ClassDeclaration': {
        const c = this.cls(n);
        const b = n.id ? this.r.ref.get(n.id) : undefined;
        if (b?.kind === 'local') this.grow(b, c);
        return NONE;
      }
      case 'ReturnStatement':
        if (n.argument) {
          const v = this.ev(n.argument);
          const frame = this.frames.at(-1);
          if (frame) {
            addAll(frame.returns.self, v.self);
            addAll(frame.returns.c1, v.c1);
            addAll(frame.returns.c2, v.c2);
          }
        }
        return NONE;
      case 'ThrowStatement': {
        const v = this.ev(n.argument);
        if ([addAll(this.fx.thrown.self, v.self), addAll(this.fx.thrown.c1, v.c1), addAll(this.fx.thrown.c2, v.c2)].some(Boolean)) this.changed = true;
        return NONE;
      }
      case 'CatchClause':
        // What was thrown here, or by a function called with the arguments it was given.
        this.assign(n.param, anyOf(atomsOf(join(this.fx.thrown, this.frames.at(-1)?.args ?? NONE))));
        this.ev(n.body);
        return NONE;
      case 'ForInStatement':
      case 'ForOfStatement': {
        const right = this.ev(n.right);
        if (n.type === 'ForOfStatement') this.unknownIfImplicit();
        const v = n.type === 'ForOfStatement' ? element(right) : NONE;
        if (n.left.type === 'VariableDeclaration') for (const d of n.left.declarations) this.assign(d.id, v);
        else this.assign(n.left, v);
        this.ev(n.body);
        return NONE;
      }
      case 'LabeledStatement':
        return this.ev(n.body);
      case 'ExportNamedDeclaration':
        if (n.declaration) this.ev(n.declaration);
        else if (!n.source) for (const sp of n.specifiers) if (sp.local) this.read(sp.local);
        return NONE;
      case 'ExportDefaultDeclaration':
        this.ev(n.declaration);
        return NONE;
      default:
        forEachChild(n, (c) => this.ev(c));
        return NONE;
    }
  }

  /** Walks into `fx` until the values of the locals stop growing; false when that takes implausibly long. */
  run(fx: Effects, walk: () => void): boolean {
    const saved = this.fx;
    this.fx = fx;
    try {
      for (let round = 0; round < 50; round++) {
        this.changed = false;
        walk();
        if (!this.changed) return true;
      }
      return false;
    } finally {
      this.fx = saved;
    }
  }

  /** A top-level function's summary: its body walked as called with arguments ARG. */
  summarise(node: N, fx: Effects): boolean {
    return this.run(fx, () => {
      const frame: Frame = { level: 1, arrow: node.type === 'ArrowFunctionExpression', args: { self: new Set([ARG_ROOT]), c1: new Set([ARG_INNER]), c2: new Set([ARG_INNER]) }, returns: fx.returns, captured: new Set() };
      this.frames.push(frame);
      try {
        this.body(node, frame);
      } finally {
        this.frames.pop();
      }
    });
  }
}

function rootId(n: N): N | undefined {
  while (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression' || n.type === 'ParenthesizedExpression') n = n.type === 'ParenthesizedExpression' ? n.expression : n.object;
  return n.type === 'Identifier' ? n : undefined;
}

const isLengthOnly = (o: N) => o.properties.every((p: N) => p.type === 'ObjectProperty' && keyName(p.key, p.computed) === 'length');

/** `const f = () => …` / `function f() {}` at the top: the function node, per declared name. */
function topFunctions(program: N): Map<string, N> {
  const out = new Map<string, N>();
  for (let s of program.body) {
    if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration) s = s.declaration;
    if (s.type === 'FunctionDeclaration' && s.id) out.set(s.id.name, s);
    if (s.type === 'VariableDeclaration' && s.kind === 'const') {
      for (const d of s.declarations) if (d.id.type === 'Identifier' && (d.init?.type === 'FunctionExpression' || d.init?.type === 'ArrowFunctionExpression')) out.set(d.id.name, d.init);
    }
  }
  return out;
}

/** A number, boolean, null or short string, as a literal. */
function smallPrimitive(n: N | null | undefined): boolean {
  if (!n || !isPrimitiveLiteral(n)) return false;
  if (n.type === 'StringLiteral') return n.value.length < SHORT_STRING;
  if (n.type === 'TemplateLiteral') return n.quasis[0].value.cooked.length < SHORT_STRING;
  return true;
}

/** Marks the bindings that never cross threads (see the top of this file). */
function markUnmeasurable(program: N, tops: Map<string, Top>): void {
  const no = (name: string) => {
    const top = tops.get(name);
    if (top) top.measurable = false;
  };
  const builtin = (name: string, module: string) => {
    const top = tops.get(name);
    if (top) top.builtin = module;
  };
  for (let s of program.body) {
    if (s.type === 'ImportDeclaration') {
      for (const sp of s.specifiers) no(sp.local.name);
      const module = builtinName(s.source.value);
      if (module !== undefined) for (const sp of s.specifiers) builtin(sp.local.name, module);
    }
    if ((s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration) s = s.declaration;
    if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) no(s.id.name);
    if (s.type !== 'VariableDeclaration') continue;
    const fnConst = s.kind === 'const' && s.declarations.every((d: N) => d.id.type === 'Identifier' && (d.init?.type === 'FunctionExpression' || d.init?.type === 'ArrowFunctionExpression'));
    const builtinRequire = s.declarations.every((d: N) => {
      const init = d.init;
      const arg = init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' ? init.arguments[0] : undefined;
      return arg?.type === 'StringLiteral' && builtinName(arg.value) !== undefined;
    });
    for (const d of s.declarations) {
      if (fnConst || builtinRequire || (s.kind === 'const' && d.id.type === 'Identifier' && smallPrimitive(d.init))) for (const id of patternIds(d.id)) no(id.name);
      if (builtinRequire && s.kind === 'const') for (const id of patternIds(d.id)) builtin(id.name, builtinName(d.init.arguments[0].value)!);
    }
  }
}

/**
 * Per top-level statement (by position in the program body), the bindings to measure after it,
 * sorted; `noValues` says why there are none at all.
 */
export function mayWriteValues(program: t.Program, chars: number): { values: Map<number, string[]>; noValues?: string } {
  const prog = program as unknown as N;
  const body = prog.body as N[];
  const none = (noValues: string) => ({ values: new Map<number, string[]>(), noValues });
  const candidates = body.filter((s) => !['FunctionDeclaration', 'ClassDeclaration', 'ImportDeclaration', 'EmptyStatement'].includes(s.type)).length;
  if (candidates < 2) return none('at most one statement to schedule');
  if (body.length > MAX_STATEMENTS || chars > MAX_CHARS) return none('too large to plan');
  const r = new Resolver(prog);
  if (r.accessors) return none('the script defines getters, setters or proxies');
  if (r.dynamic) return none('the script uses eval or with');
  markUnmeasurable(prog, r.tops);

  const ev = new Evaluator(r);
  // Known functions: top-level and never assigned. Where code we do not know calls one, that call
  // is unknown code's, which may change whatever it was given: its effects are counted there.
  const fns = topFunctions(prog);
  for (const name of fns.keys()) {
    const top = r.tops.get(name)!;
    if (!r.assigned.has(top)) ev.known.set(top, new Effects());
  }
  const nodeOf = new Map<Effects, N>([...ev.known].map(([top, fx]) => [fx, fns.get(top.name)!]));
  // Summaries depend on each other: repeat until none changes.
  let settled = false;
  for (let round = 0; round < 20 && !settled; round++) {
    settled = true;
    for (const [fx, node] of nodeOf) {
      const before = fx.signature();
      if (!ev.summarise(node, fx)) return none('the syntactic analysis did not settle');
      if (fx.signature() !== before) settled = false;
    }
  }
  if (!settled) return none('the syntactic analysis did not settle');
  for (const fx of ev.known.values()) {
    for (const x of fx.writes) ev.anyFunction.writes.add(x);
    for (const x of fx.changedRoot) ev.anyFunction.changedRoot.add(x);
    for (const x of fx.changedInner) ev.anyFunction.changedInner.add(x);
    for (const x of fx.mentions) ev.anyFunction.mentions.add(x);
  }

  const knownNodes = new Set(nodeOf.values());
  const statements = body.map((s) => {
    const fx = new Effects();
    const inner = (s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration') && s.declaration ? s.declaration : s;
    // A known function's declaration does nothing when it runs; its body counts where it is called.
    if (inner.type === 'FunctionDeclaration' && knownNodes.has(inner)) return fx;
    if (inner.type === 'VariableDeclaration' && inner.declarations.every((d: N) => d.init && knownNodes.has(d.init))) return fx;
    if (!ev.run(fx, () => ev.ev(s))) for (const top of r.tops.values()) fx.changedInner.add(top), fx.mentions.add(top);
    return fx;
  });

  // What a change reaches: a binding's own object is inside its holders (and theirs); an object
  // inside a binding may be anywhere its class shares, and so may a binding's object taken from
  // inside another.
  const members = new Map<Top, Top[]>();
  for (const top of r.tops.values()) {
    const root = find(top);
    members.set(root, [...(members.get(root) ?? []), top]);
  }
  const classOf = (x: Top) => members.get(find(x)) ?? [x];
  const holdersMemo = new Map<Top, Set<Top>>();
  const holdersOf = (x: Top) => {
    const known = holdersMemo.get(x);
    if (known) return known;
    const out = new Set<Top>([x]);
    holdersMemo.set(x, out);
    const todo = [x];
    while (todo.length > 0) {
      const y = todo.pop()!;
      for (const h of y.holders) if (!out.has(h)) out.add(h), todo.push(h);
      for (const s of y.within) for (const z of classOf(s)) if (!out.has(z)) out.add(z), todo.push(z);
    }
    return out;
  };
  // Everything a statement may reach: through the functions it calls, and through unknown code.
  const reach = (fx: Effects) => {
    const seen = new Set<Effects>([fx]);
    const todo = [fx];
    let unknown = false;
    while (todo.length > 0) {
      const f = todo.pop()!;
      unknown ||= f.unknownCall;
      for (const g of f.calls) if (!seen.has(g)) seen.add(g), todo.push(g);
    }
    if (unknown) seen.add(ev.anyFunction);
    return seen;
  };
  const written: Set<Top>[] = [];
  const read: Set<Top>[] = [];
  for (const fx of statements) {
    const w = new Set<Top>();
    const m = new Set<Top>();
    for (const f of reach(fx)) {
      for (const x of f.writes) w.add(x);
      for (const x of f.changedRoot) for (const y of holdersOf(x)) w.add(y);
      for (const x of f.changedInner) for (const y of classOf(x)) w.add(y);
      // Reading a binding may read whatever shares objects with it: its whole class.
      for (const x of f.mentions) m.add(find(x));
    }
    written.push(w);
    read.push(m);
  }
  // Measured after statement i: written or changed by i, read by a later statement.
  const readLater = new Set<Top>(); // class roots
  const values = new Map<number, string[]>();
  for (let i = body.length - 1; i >= 0; i--) {
    const names = [...written[i]].filter((x) => x.measurable && readLater.has(find(x))).map((x) => x.name).sort();
    if (names.length > 0) values.set(i, names);
    for (const x of read[i]) readLater.add(x);
  }
  return { values };
}
