// Generation state: the bindings alive so far, the functions and classes declared, and the units emitted.
import type { Kind, Unit } from './program.js';
import type { Rng } from './random.js';

export type Ty = 'num' | 'str' | 'arr' | 'obj' | 'map' | 'set' | 'fn' | 'inst' | 'sym' | 'promise' | 'emitter' | 'misc';
export type DeclKind = 'const' | 'let' | 'var' | 'import';

export interface Binding {
  name: string;
  ty: Ty;
  decl: DeclKind;
  /** For obj bindings built with a symbol key: the symbol binding's name. */
  symKey?: string;
  /** For inst bindings: the class name. */
  cls?: string;
}

export type FuncRole = 'pure' | 'reader' | 'writer' | 'recursive' | 'identity' | 'check' | 'async' | 'factory';

export interface Func {
  name: string;
  role: FuncRole;
  /** For factories: the class they instantiate. */
  cls?: string;
}

/** How operands are chosen: shapes the dependence graph (chains, fans, independent statements). */
export interface Shape {
  recent: number;
  root: number;
  random: number;
  literal: number;
}

export class Ctx {
  readonly units: Unit[] = [];
  readonly bindings: Binding[] = [];
  readonly funcs: Func[] = [];
  readonly classes: string[] = [];
  readonly errorClasses: string[] = [];
  readonly features = new Set<string>();
  /** Function declarations waiting to be placed at a random line (they are hoisted). */
  readonly floating: Unit[] = [];
  /** Names whose var declaration may be read before it runs (hoisted as undefined). */
  readonly vars: string[] = [];
  private counter = 0;
  /** Chance that a cheap statement is marked heavy in `times` (varies per program). */
  markCheap = 0.3;

  constructor(
    readonly rng: Rng,
    readonly kind: Kind,
    public shape: Shape,
  ) {}

  /** Runs `fn` with another operand shape (e.g. to make several heavy statements independent). */
  withShape(shape: Shape, fn: () => void): void {
    const saved = this.shape;
    this.shape = shape;
    try {
      fn();
    } finally {
      this.shape = saved;
    }
  }

  fresh(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  feature(...names: string[]): void {
    for (const n of names) this.features.add(n);
  }

  emit(code: string, heavy = false): void {
    const unit: Unit = { code };
    // Heavy statements are usually marked for the planner, many cheap ones too: marked, they move to
    // workers, which is what exercises versioning, cloning and effect ordering.
    if (heavy ? this.rng.chance(0.85) : this.rng.chance(this.markCheap)) {
      unit.ms = this.rng.pick([30, 200, 400, 800, 1500]);
      this.feature('times');
    }
    this.units.push(unit);
  }

  declare(b: Binding): Binding {
    this.bindings.push(b);
    this.feature(b.decl);
    if (b.decl === 'var') this.vars.push(b.name);
    return b;
  }

  of(...tys: Ty[]): Binding[] {
    return this.bindings.filter((b) => tys.includes(b.ty));
  }

  mutable(...tys: Ty[]): Binding[] {
    return this.of(...tys).filter((b) => b.decl === 'let' || b.decl === 'var');
  }

  funcsOf(...roles: FuncRole[]): Func[] {
    return this.funcs.filter((f) => roles.includes(f.role));
  }

  /** Picks an existing binding by the program's shape; undefined means "use a literal". */
  operand(...tys: Ty[]): Binding | undefined {
    const pool = this.of(...tys);
    if (pool.length === 0) return undefined;
    const how = this.rng.weighted({ ...this.shape });
    if (how === 'literal') return undefined;
    if (how === 'recent') return pool[pool.length - 1];
    if (how === 'root') return pool[0];
    return this.rng.pick(pool);
  }

  /** Any operand of the given types, ignoring the shape (for statements that need one). */
  any(...tys: Ty[]): Binding | undefined {
    return this.operand(...tys) ?? (this.of(...tys).length ? this.rng.pick(this.of(...tys)) : undefined);
  }

  lit(lo = 1, hi = 40): string {
    return String(this.rng.int(lo, hi));
  }

  declKind(): 'const' | 'let' | 'var' {
    return this.rng.weighted({ const: 5, let: 3, var: 2 });
  }
}
