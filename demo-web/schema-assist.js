// The studio's help from the form schema (forms/schema/form.schema.json, copied into pkg/ at
// build time): completion of member names and enum values, and a hover with a member's
// title and description. Help only: checking is the engine's (the compiler's checks).
import { syntaxTree, hoverTooltip, autocompletion } from './pkg/editor.js';

/** The schema's sub-schemas at `path` (keys; 0 for an array element), every branch of oneOf/anyOf/allOf. */
export function schemaAt(schema, path) {
  const lookup = (ref) => ref.replace(/^#\//, '').split('/').reduce((s, k) => s?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], schema);
  const deref = (s) => { for (let n = 0; s && s.$ref && n < 20; n++) s = lookup(s.$ref); return s; };
  const branches = (s, depth = 0) => {
    s = deref(s);
    if (!s || typeof s !== 'object' || depth > 10) return [];
    return [s, ...['oneOf', 'anyOf', 'allOf'].flatMap((k) => (s[k] ?? []).flatMap((b) => branches(b, depth + 1)))];
  };
  let set = branches(schema);
  for (const key of path) {
    set = set.flatMap((s) => {
      if (key === 0) return s.items ? branches(s.items) : [];
      if (s.properties?.[key]) return branches(s.properties[key]);
      return s.additionalProperties && typeof s.additionalProperties === 'object' ? branches(s.additionalProperties) : [];
    });
  }
  return set;
}

const keyOf = (state, node) => {
  try { return JSON.parse(state.sliceDoc(node.from, node.to)); } catch { return null; }
};

/** The path (member names, 0 for array elements) of the value `node` is in. */
function pathOf(state, node) {
  const path = [];
  for (let n = node; n; n = n.parent) {
    if (n.name === 'Property') {
      const k = n.firstChild;
      if (k?.name === 'PropertyName') path.unshift(keyOf(state, k));
    } else if (n.name === 'Array') path.unshift(0);
  }
  return path;
}

const describe = (s) => [s.title, s.description].filter(Boolean).join(': ');

function completionSource(schema) {
  return (context) => {
    const word = context.matchBefore(/"?[\w$.-]*/);
    if (!context.explicit && (!word || word.from === word.to)) return null;
    const { state } = context;
    let node = syntaxTree(state).resolveInner(context.pos, -1);
    // A member name being typed: complete the names of the object it is in.
    if (node.name === 'PropertyName' || node.name === 'Object' || node.parent?.name === 'Object' || node.name === '⚠') {
      const object = node.name === 'Object' ? node : (node.parent?.name === 'Property' ? node.parent.parent : node.parent);
      if (object?.name === 'Object') {
        const path = pathOf(state, object);
        const props = new Map();
        for (const s of schemaAt(schema, path)) for (const [k, v] of Object.entries(s.properties ?? {})) if (!props.has(k)) props.set(k, v);
        if (!props.size) return null;
        return {
          from: word ? word.from : context.pos,
          to: node.name === 'PropertyName' ? node.to : context.pos,
          options: [...props].map(([k, v]) => ({ label: JSON.stringify(k), type: 'property', info: describe(schemaAt(v, [])[0] ?? v) || undefined })),
          validFor: /^"?[\w$.-]*"?$/,
        };
      }
    }
    // A value: the enum values the schema allows there.
    if (node.name === 'String' && node.parent?.name === 'Property') {
      const values = schemaAt(schema, pathOf(state, node)).flatMap((s) => s.enum ?? []);
      if (!values.length) return null;
      return { from: node.from, to: node.to, options: values.map((v) => ({ label: JSON.stringify(v), type: 'enum' })) };
    }
    return null;
  };
}

function hover(schema) {
  return hoverTooltip((view, pos, side) => {
    const node = syntaxTree(view.state).resolveInner(pos, side);
    if (node.name !== 'PropertyName' || node.parent?.name !== 'Property') return null;
    const subs = schemaAt(schema, pathOf(view.state, node.parent));
    const text = subs.map(describe).find(Boolean);
    const values = subs.flatMap((s) => s.enum ?? []);
    if (!text && !values.length) return null;
    return {
      pos: node.from,
      end: node.to,
      above: true,
      create() {
        const dom = document.createElement('div');
        dom.className = 'cm-schema-hover';
        dom.textContent = [text, values.length ? `One of: ${values.join(', ')}.` : ''].filter(Boolean).map((x) => (/[.!?]$/.test(x) ? x : `${x}.`)).join(' ');
        return { dom };
      },
    };
  });
}

/** The editor extensions: completion and hover from `schema`. */
export function schemaAssist(schema) {
  return [autocompletion({ override: [completionSource(schema)] }), hover(schema)];
}
