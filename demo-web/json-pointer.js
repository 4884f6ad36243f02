// Where a JSON pointer (RFC 6901) lands in JSON text: the studio places each of the
// engine's errors (`{ code, path, message }`, `path` a pointer into the form) at its line
// and column. A small scanner over the text (not JSON.parse, which forgets positions).

/**
 * The span `{ from, to, exact }` of the value `pointer` names in `text` (offsets in UTF-16
 * code units, as the editor counts). When the pointer goes further than the text (a
 * missing member), the deepest value found, with `exact: false`; `null` for text that is
 * not JSON up to there.
 */
export function locate(text, pointer) {
  const parts = pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const fail = () => { throw new SyntaxError(`unexpected ${JSON.stringify(text[i] ?? 'end')} at ${i}`); };
  function string() {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i));
  }
  // Skip one value; its [from, to).
  function skip() {
    ws();
    const from = i;
    const ch = text[i];
    if (ch === '"') string();
    else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) { i++; return [from, i]; }
      for (;;) {
        if (ch === '{') { ws(); if (text[i] !== '"') fail(); string(); ws(); if (text[i] !== ':') fail(); i++; }
        skip();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === close) { i++; break; }
        fail();
      }
    } else {
      const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += m[0].length;
    }
    return [from, i];
  }
  // Descend: at a value, find the child named by parts[depth].
  function descend(depth) {
    ws();
    const from = i;
    if (depth === parts.length) { const [a, b] = skip(); return { from: a, to: b, exact: true }; }
    const want = parts[depth];
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      while (text[i] !== '}') {
        ws();
        if (text[i] !== '"') fail();
        const keyFrom = i;
        const key = string();
        const keyTo = i;
        ws();
        if (text[i] !== ':') fail();
        i++;
        if (key === want) {
          const found = descend(depth + 1);
          // A member named by the last part: mark its key too (the error is about it).
          return depth + 1 === parts.length ? { from: keyFrom, to: found.to, exact: true, key: [keyFrom, keyTo] } : found;
        }
        skip();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') fail();
      }
    } else if (ch === '[') {
      i++;
      let n = 0;
      ws();
      while (text[i] !== ']') {
        if (String(n) === want) return descend(depth + 1);
        skip();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') fail();
        n++;
        ws();
      }
    }
    // Not there: the deepest value that is.
    i = from;
    const [a, b] = skip();
    return { from: a, to: b, exact: false };
  }
  try {
    return descend(0);
  } catch {
    return null;
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineCol(text, offset) {
  let line = 1;
  let last = -1;
  for (let k = 0; k < offset && k < text.length; k++) if (text[k] === '\n') { line++; last = k; }
  return { line, column: offset - last };
}
