/**
 * Does the script name its own file? The output is another file: `readFileSync(__filename)` would
 * read the generated code, and the script's answer would change even if it stayed sequential
 * under a one-line header. Such a script is emitted exactly as written.
 *
 * Uses that only locate the script's folder are fine, since the output goes beside the input:
 * `path.dirname(__filename)`, `dirname(fileURLToPath(import.meta.url))`,
 * `new URL('./data.txt', import.meta.url)`, `createRequire(import.meta.url)`, `typeof __filename`,
 * `import.meta.dirname` (and `__dirname`, which is not a use at all). A file named by a literal is read from disk as it
 * is, so `new URL('input.mjs', import.meta.url)` reads what the original read.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ScriptContext } from './context.js';

/** The first use of the script's own file name that is not one of the folder-only uses, if any. */
export function ownFileUse(ctx: ScriptContext): { line?: number; what: string } | undefined {
  let found: { line?: number; what: string } | undefined;
  ctx.program.traverse({
    Identifier(p) {
      if (found || p.node.name !== '__filename' || !p.isReferencedIdentifier() || p.scope.getBinding('__filename')) return;
      if (!folderOnly(ctx, p)) found = { line: p.node.loc?.start.line, what: '`__filename`' };
    },
    MetaProperty(p) {
      const parent = p.parentPath;
      if (found || !parent.isMemberExpression() || parent.node.object !== p.node || parent.node.computed) return;
      const name = t.isIdentifier(parent.node.property) ? parent.node.property.name : '';
      if (name !== 'url' && name !== 'filename') return;
      if (!folderOnly(ctx, parent)) found = { line: p.node.loc?.start.line, what: `\`import.meta.${name}\`` };
    },
    MemberExpression(p) {
      // process.argv[1]: the path node was started with.
      if (found || !p.node.computed || !t.isNumericLiteral(p.node.property, { value: 1 })) return;
      const argv = p.node.object;
      if (t.isMemberExpression(argv) && !argv.computed && t.isIdentifier(argv.object, { name: 'process' }) && t.isIdentifier(argv.property, { name: 'argv' }) && !p.scope.getBinding('process')) {
        found = { line: p.node.loc?.start.line, what: '`process.argv[1]`' };
      }
    },
  });
  return found;
}

/** `typeof x`, `dirname(x)`, `path.dirname(x)`, `fileURLToPath(x)` inside one, `new URL('./a', x)`, `createRequire(x)`. */
function folderOnly(ctx: ScriptContext, use: NodePath): boolean {
  const parent = use.parentPath;
  if (parent?.isUnaryExpression({ operator: 'typeof' })) return true;
  if (!parent || use.listKey !== 'arguments') return false;
  if (parent.isNewExpression() && t.isIdentifier(parent.node.callee, { name: 'URL' }) && use.key === 1) {
    const first = parent.node.arguments[0];
    // '' and '?x' / '#x' keep the file itself.
    return t.isStringLiteral(first) && first.value !== '' && !/^[?#]/.test(first.value);
  }
  if (!parent.isCallExpression() || use.key !== 0) return false;
  const fn = builtinCallee(ctx, parent);
  if (fn === 'path.dirname' || fn === 'module.createRequire') return true;
  const outer = parent.parentPath;
  return fn === 'url.fileURLToPath' && parent.listKey === 'arguments' && parent.key === 0 && !!outer?.isCallExpression() && builtinCallee(ctx, outer) === 'path.dirname';
}

/** `module.member` when the callee is a built-in module's function (`path.dirname`, or `dirname` imported or required from it). */
function builtinCallee(ctx: ScriptContext, call: NodePath<t.CallExpression>): string | undefined {
  const callee = call.node.callee;
  const root = t.isMemberExpression(callee) ? callee.object : callee;
  if (!t.isIdentifier(root) || call.scope.getBinding(root.name)?.scope !== ctx.programScope) return undefined;
  if (t.isMemberExpression(callee)) {
    const mod = ctx.modules.get(root.name);
    return mod && !callee.computed && t.isIdentifier(callee.property) ? `${mod}.${callee.property.name}` : undefined;
  }
  const member = ctx.moduleMembers.get(root.name);
  return member ? `${member[0]}.${member[1]}` : undefined;
}
