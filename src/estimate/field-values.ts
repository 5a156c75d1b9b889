/**
 * Typical numbers a property holds, for loop bounds the cost model cannot read from the code
 * around them: `for (let r = 0; r < this.rows; r++)` in a Matrix class whose instances are made
 * by `Matrix.random(500, 500, rng)` and `new Matrix(n, n)`. Every store of the name in the script
 * (`this.rows = rows`) is followed to numbers: literals, top-level constants, and the arguments of
 * every call of the constructor, static method or function whose parameter it stores, and other
 * such fields. The median of what is found stands for the field. So does `this.data.length` for
 * a field always given a new array of a computable length.
 *
 * Parameters are followed with the analysis's own `parameterValues` (src/analyze/function-fields.ts):
 * a parameter whose calls are not all seen gives no number, and the bound stays unknown.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { typedArrays } from '../analyze/builtins.js';
import type { ScriptContext } from '../analyze/context.js';
import { parameterValues } from '../analyze/function-fields.js';
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

  /** The numbers a parameter is given: its default and the arguments at every call (function-fields.ts). */
  function parameterNumbers(b: Binding, depth: number): number[] {
    return (parameterValues(ctx, b) ?? []).flatMap((v) => valuesOf(v, depth + 1)).slice(0, MAX_VALUES);
  }

  return {
    number: (name) => median(fieldNumbers(name)),
    length: (name) => median(fieldLengths(name)),
  };
}
