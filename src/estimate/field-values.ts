/**
 * Typical numbers a property holds, for loop bounds the cost model cannot read from the code
 * around them: `for (let r = 0; r < this.rows; r++)` in a Matrix class whose instances are made
 * by `Matrix.random(500, 500, rng)` and `new Matrix(n, n)`. Every store of the name in the script
 * (`this.rows = rows`) is followed to numbers: literals, top-level constants, and the arguments of
 * every call of the constructor, static method or function whose parameter it stores, and other
 * such fields. The median of what is found stands for the field. So does `this.data.length` for
 * a field always given a new array of a computable length.
 *
 * An estimate only (a missed call or an alias makes it less accurate, never unsafe): it is not
 * used by the analysis, whose own parameter rules (src/analyze/function-fields.ts) must be sound.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { typedArrays } from '../analyze/builtins.js';
import type { ScriptContext } from '../analyze/context.js';
import { fieldWrites } from '../analyze/owned-fields.js';

export interface FieldValues {
  /** A typical number stored under the name, if any store is known. */
  number(name: string): number | undefined;
  /** A typical length of the arrays stored under the name, if known. */
  length(name: string): number | undefined;
}

/** Values followed per question: enough for a few levels of calls without blowing up. */
const MAX_VALUES = 64;
const MAX_DEPTH = 6;

export function fieldValues(ctx: ScriptContext, constants: (name: string) => number | undefined): FieldValues {
  const numbers = new Map<string, number[]>();
  const lengths = new Map<string, number[]>();
  const active = new Set<string>();

  const median = (xs: number[]) => {
    if (xs.length === 0) return undefined;
    const s = [...xs].sort((a, b) => a - b);
    return s[(s.length - 1) >> 1];
  };

  function storesOf(name: string): NodePath[] {
    return (fieldWrites(ctx).byName.get(name) ?? []).filter((w): w is NodePath => typeof w !== 'string');
  }

  function fieldNumbers(name: string): number[] {
    const known = numbers.get(name);
    if (known) return known;
    if (active.has(name)) return [];
    active.add(name);
    const out: number[] = [];
    for (const w of storesOf(name)) out.push(...valuesOf(w, 0));
    active.delete(name);
    const kept = out.filter(Number.isFinite).slice(0, MAX_VALUES);
    numbers.set(name, kept);
    return kept;
  }

  function fieldLengths(name: string): number[] {
    const known = lengths.get(name);
    if (known) return known;
    const out: number[] = [];
    for (const w of storesOf(name)) {
      let node: NodePath = w;
      // `new Float64Array(n).fill(0)`: the length is the constructor's.
      while (node.isCallExpression() && t.isMemberExpression(node.node.callee) && t.isIdentifier(node.node.callee.property, { name: 'fill' })) node = node.get('callee.object') as NodePath;
      if (node.isNewExpression() && t.isIdentifier(node.node.callee) && (node.node.callee.name === 'Array' || typedArrays.includes(node.node.callee.name))) {
        const first = (node.get('arguments') as NodePath[])[0];
        if (first && !first.isArrayExpression()) out.push(...valuesOf(first, 0));
      }
    }
    const kept = out.filter(Number.isFinite).slice(0, MAX_VALUES);
    lengths.set(name, kept);
    return kept;
  }

  function valuesOf(p: NodePath, depth: number): number[] {
    if (depth > MAX_DEPTH) return [];
    const node = p.node;
    if (t.isNumericLiteral(node)) return [node.value];
    if (t.isParenthesizedExpression(node)) return valuesOf(p.get('expression') as NodePath, depth);
    if (t.isBinaryExpression(node) && ['+', '-', '*', '/'].includes(node.operator)) {
      const a = median(valuesOf(p.get('left') as NodePath, depth + 1));
      const b = median(valuesOf(p.get('right') as NodePath, depth + 1));
      if (a === undefined || b === undefined) return [];
      const op = node.operator;
      return [op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b];
    }
    if (t.isMemberExpression(node) && !node.computed && t.isIdentifier(node.property)) {
      const obj = node.object;
      if (node.property.name !== 'length') return fieldNumbers(node.property.name);
      return t.isMemberExpression(obj) && !obj.computed && t.isIdentifier(obj.property) ? fieldLengths(obj.property.name) : [];
    }
    if (t.isIdentifier(node)) {
      const b = p.scope.getBinding(node.name);
      if (!b) return [];
      if (b.scope === ctx.programScope) {
        const v = constants(node.name);
        return v === undefined ? [] : [v];
      }
      if (b.kind === 'param') return parameterNumbers(b, depth);
      if (b.path.isVariableDeclarator() && b.constant && b.path.node.init) return valuesOf(b.path.get('init') as NodePath, depth + 1);
    }
    return [];
  }

  /** The numbers a parameter is given at the calls we can find (default value included). */
  function parameterNumbers(b: Binding, depth: number): number[] {
    let param: NodePath = b.path;
    const out: number[] = [];
    if (param.parentPath?.isAssignmentPattern()) {
      out.push(...valuesOf(param.parentPath.get('right') as NodePath, depth + 1));
      param = param.parentPath;
    }
    const fn = param.parentPath;
    if (!fn?.isFunction()) return out;
    const index = (fn.node.params as t.Node[]).indexOf(param.node);
    for (const call of callsOf(fn)) {
      const arg = (call.get('arguments') as NodePath[])[index];
      if (arg && !arg.isSpreadElement()) out.push(...valuesOf(arg, depth + 1));
      if (out.length >= MAX_VALUES) break;
    }
    return out;
  }

  /** Calls of a constructor (`new C`), a static method (`C.m(…)`) or a top-level function, by name. */
  function callsOf(fn: NodePath<t.Function>): NodePath<t.CallExpression | t.NewExpression>[] {
    let binding: Binding | undefined;
    let member: string | undefined;
    let construct = false;
    if (fn.isClassMethod()) {
      const cls = fn.parentPath?.parentPath;
      if (!cls?.isClassDeclaration() || !cls.node.id) return [];
      binding = ctx.programScope.getBinding(cls.node.id.name);
      if (fn.node.kind === 'constructor') construct = true;
      else if (fn.node.static && t.isIdentifier(fn.node.key) && !fn.node.computed) member = fn.node.key.name;
      else return [];
    } else if (fn.isFunctionDeclaration() && fn.node.id) binding = ctx.programScope.getBinding(fn.node.id.name);
    if (!binding) return [];
    const out: NodePath<t.CallExpression | t.NewExpression>[] = [];
    for (const ref of binding.referencePaths) {
      const parent = ref.parentPath;
      if (!parent) continue;
      if (construct && parent.isNewExpression() && parent.node.callee === ref.node) out.push(parent);
      else if (!construct && !member && parent.isCallExpression() && parent.node.callee === ref.node) out.push(parent);
      else if (member && parent.isMemberExpression() && parent.node.object === ref.node && t.isIdentifier(parent.node.property, { name: member })) {
        const call = parent.parentPath;
        if (call?.isCallExpression() && call.node.callee === parent.node) out.push(call);
      }
    }
    return out;
  }

  return {
    number: (name) => median(fieldNumbers(name)),
    length: (name) => median(fieldLengths(name)),
  };
}
