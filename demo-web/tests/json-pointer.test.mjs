// The studio's pointer → place mapper (json-pointer.js): each engine error is shown where
// its JSON pointer lands in the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locate, lineCol } from '../json-pointer.js';

const TEXT = '{\n  "a": [1, {"b~c/": "x"}],\n  "z": {"q": true, "n": -1.5e2}\n}';
const at = (p) => { const r = locate(TEXT, p); return r && TEXT.slice(r.from, r.to); };

test('a pointer lands on its member (key and value) or element', () => {
  assert.equal(at(''), TEXT);
  assert.equal(at('/a'), '"a": [1, {"b~c/": "x"}]');
  assert.equal(at('/a/0'), '1');
  assert.equal(at('/a/1/b~0c~1'), '"b~c/": "x"');
  assert.equal(at('/z/n'), '"n": -1.5e2');
  assert.deepEqual(lineCol(TEXT, locate(TEXT, '/z/q').from), { line: 3, column: 9 });
});

test('a pointer past the text lands on the deepest value there, not exact', () => {
  const r = locate(TEXT, '/z/missing');
  assert.equal(r.exact, false);
  assert.equal(TEXT.slice(r.from, r.to), '{"q": true, "n": -1.5e2}');
  assert.equal(locate(TEXT, '/a/7').exact, false);
});

test('text that is not JSON up to the pointer gives null', () => {
  assert.equal(locate('{"a": [1, }', '/a/1'), null);
  assert.equal(locate('{"a" 1}', '/a'), null);
});
