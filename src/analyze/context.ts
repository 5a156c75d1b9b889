/**
 * Script-wide facts the walkers need before they can summarise any unit: which top-level
 * bindings are functions, classes or modules, and which method names the script defines.
 */
import type { NodePath, Scope } from '@babel/traverse';
import * as t from '@babel/types';
import { builtinName, submodule } from './builtins.js';
import type { ModuleKind } from './parse.js';
import { traverse } from './traverse.js';

export interface ScriptContext {
  kind: ModuleKind;
  program: NodePath<t.Program>;
  programScope: Scope;
  /** Top-level bindings whose value is a function we can summarise → the function's path. */
  functions: Map<string, NodePath<t.Function>>;
  /** Top-level class bindings → class path. */
  classes: Map<string, NodePath<t.Class>>;
  /** Top-level bindings holding a node: built-in module namespace → module name. */
  modules: Map<string, string>;
  /** Top-level bindings holding one export of a built-in module → [module, export]. */
  moduleMembers: Map<string, [string, string]>;
  /** Top-level bindings holding values from packages or files we do not analyse. */
  foreign: Set<string>;
  /** Method names the script defines anywhere (classes, object literals) → their function paths. */
  methods: Map<string, NodePath<t.Function>[]>;
  /** Accessors (get/set) or Proxies exist: property reads may run code. */
  accessors: NodePath[];
  /** Top-level constants whose value is a primitive (`const SEED = 42`): they share no object, so nothing can change them. */
  primitives: Set<string>;
}

/** A literal, or arithmetic and templates of literals and other primitive constants: always a primitive. */
function primitiveInit(node: t.Node | null | undefined, primitives: Set<string>): boolean {
  if (!node) return false;
  if (t.isNumericLiteral(node) || t.isStringLiteral(node) || t.isBooleanLiteral(node) || t.isNullLiteral(node) || t.isBigIntLiteral(node)) return true;
  if (t.isIdentifier(node)) return primitives.has(node.name);
  if (t.isTemplateLiteral(node)) return true; // a template always yields a string (its parts run as expressions elsewhere)
  if (t.isUnaryExpression(node)) return node.operator !== 'delete';
  if (t.isBinaryExpression(node)) return true; // every binary operator yields a primitive
  if (t.isParenthesizedExpression(node)) return primitiveInit(node.expression, primitives);
  return false;
}

function requireSource(node: t.Node | null | undefined): string | undefined {
  if (
    node &&
    t.isCallExpression(node) &&
    t.isIdentifier(node.callee, { name: 'require' }) &&
    node.arguments.length === 1 &&
    t.isStringLiteral(node.arguments[0])
  ) {
    return node.arguments[0].value;
  }
  return undefined;
}

/** The name a property or method key gives, when it is written out (`a`, `'a'`, `['a']`). */
export function methodKeyName(key: t.Node, computed: boolean): string | undefined {
  if (!computed && t.isIdentifier(key)) return key.name;
  if (t.isStringLiteral(key)) return key.value;
  // `[Symbol.iterator]() {…}`: a method the language calls by itself (for-of, spread), named `@@iterator`.
  if (computed && t.isMemberExpression(key) && !key.computed && t.isIdentifier(key.object, { name: 'Symbol' }) && t.isIdentifier(key.property)) return `@@${key.property.name}`;
  // `[util.inspect.custom]() {…}`, `[inspect.custom]`, `[Symbol.for('nodejs.util.inspect.custom')]`: what console.log calls.
  if (computed && t.isMemberExpression(key) && t.isIdentifier(key.property, { name: 'custom' }) && (t.isIdentifier(key.object, { name: 'inspect' }) || (t.isMemberExpression(key.object) && t.isIdentifier(key.object.property, { name: 'inspect' })))) return '@@inspect';
  if (computed && t.isCallExpression(key) && t.isStringLiteral(key.arguments[0], { value: 'nodejs.util.inspect.custom' })) return '@@inspect';
  return undefined;
}

export function buildContext(program: NodePath<t.Program>, kind: ModuleKind): ScriptContext {
  const ctx: ScriptContext = {
    kind,
    program,
    programScope: program.scope,
    functions: new Map(),
    classes: new Map(),
    modules: new Map(),
    moduleMembers: new Map(),
    foreign: new Set(),
    methods: new Map(),
    accessors: [],
    primitives: new Set(),
  };
  const addMethod = (name: string | undefined, fn: NodePath<t.Function>) => {
    if (!name) return;
    const list = ctx.methods.get(name) ?? [];
    list.push(fn);
    ctx.methods.set(name, list);
  };

  for (const stmt of program.get('body')) {
    const node = stmt.node;
    if (t.isFunctionDeclaration(node) && node.id) ctx.functions.set(node.id.name, stmt as NodePath<t.Function>);
    else if (t.isClassDeclaration(node) && node.id) ctx.classes.set(node.id.name, stmt as NodePath<t.Class>);
    else if (t.isImportDeclaration(node)) {
      const mod = builtinName(node.source.value);
      for (const spec of node.specifiers) {
        const local = spec.local.name;
        if (!mod) ctx.foreign.add(local);
        else if (t.isImportSpecifier(spec)) {
          const imported = t.isIdentifier(spec.imported) ? spec.imported.name : spec.imported.value;
          const sub = submodule(mod, imported);
          if (sub) ctx.modules.set(local, sub);
          else ctx.moduleMembers.set(local, [mod, imported]);
        } else ctx.modules.set(local, mod);
      }
    } else if (t.isVariableDeclaration(node)) {
      (stmt as NodePath<t.VariableDeclaration>).get('declarations').forEach((decl) => {
        const { id, init } = decl.node;
        const src = requireSource(init);
        if (src !== undefined) {
          const mod = builtinName(src);
          if (t.isIdentifier(id)) {
            if (mod) ctx.modules.set(id.name, mod);
            else ctx.foreign.add(id.name);
          } else if (t.isObjectPattern(id)) {
            for (const prop of id.properties) {
              if (t.isObjectProperty(prop) && t.isIdentifier(prop.value)) {
                const key = methodKeyName(prop.key, prop.computed);
                const sub = mod && key ? submodule(mod, key) : undefined;
                if (sub) ctx.modules.set(prop.value.name, sub);
                else if (mod && key) ctx.moduleMembers.set(prop.value.name, [mod, key]);
                else ctx.foreign.add(prop.value.name);
              } else {
                for (const n of Object.keys(t.getBindingIdentifiers(prop))) ctx.foreign.add(n);
              }
            }
          } else for (const n of Object.keys(t.getBindingIdentifiers(id))) ctx.foreign.add(n);
          return;
        }
        if (t.isIdentifier(id) && init) {
          const binding = program.scope.getBinding(id.name);
          const constant = binding?.constant ?? false;
          if (constant && primitiveInit(init, ctx.primitives)) ctx.primitives.add(id.name);
          if ((t.isFunctionExpression(init) || t.isArrowFunctionExpression(init)) && constant) {
            ctx.functions.set(id.name, decl.get('init') as NodePath<t.Function>);
          } else if (t.isClassExpression(init) && constant) {
            ctx.classes.set(id.name, decl.get('init') as NodePath<t.Class>);
          }
        }
      });
    }
  }

  traverse(program.node, {
    ObjectMethod(p) {
      if (p.node.kind !== 'method') ctx.accessors.push(p);
      addMethod(methodKeyName(p.node.key, p.node.computed), p);
    },
    ClassMethod(p) {
      if (p.node.kind === 'get' || p.node.kind === 'set') ctx.accessors.push(p);
      if (p.node.kind !== 'constructor') addMethod(methodKeyName(p.node.key, p.node.computed), p);
    },
    ClassPrivateMethod(p) {
      addMethod('#' + p.node.key.id.name, p);
    },
    ObjectProperty(p) {
      const v = p.get('value');
      if (v.isFunctionExpression() || v.isArrowFunctionExpression()) addMethod(methodKeyName(p.node.key, p.node.computed), v);
    },
    ClassProperty(p) {
      const v = p.get('value');
      if (v.isFunctionExpression() || v.isArrowFunctionExpression()) addMethod(methodKeyName(p.node.key, p.node.computed), v);
    },
    AssignmentExpression(p) {
      // obj.m = function () {} and C.prototype.m = function () {}
      const { left, right } = p.node;
      if (t.isMemberExpression(left) && (t.isFunctionExpression(right) || t.isArrowFunctionExpression(right))) {
        addMethod(methodKeyName(left.property, left.computed), p.get('right') as NodePath<t.Function>);
      }
    },
    CallExpression(p) {
      const callee = p.node.callee;
      if (
        t.isMemberExpression(callee) &&
        t.isIdentifier(callee.object, { name: 'Object' }) &&
        t.isIdentifier(callee.property) &&
        (/^define(Property|Properties)$|^__define[GS]etter__$/.test(callee.property.name) || (callee.property.name === 'create' && p.node.arguments.length > 1))
      ) {
        // Property descriptors may hold getters and setters (`Object.create(proto, { v: { get() {…} } })`).
        ctx.accessors.push(p);
      }
    },
    NewExpression(p) {
      if (t.isIdentifier(p.node.callee, { name: 'Proxy' }) && !p.scope.getBinding('Proxy')) ctx.accessors.push(p);
    },
  }, program.scope, program);
  return ctx;
}
