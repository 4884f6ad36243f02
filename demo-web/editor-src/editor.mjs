// The studio's editor: CodeMirror 6 with the JSON language and linting, bundled by
// `demo-web/build.mjs` (esbuild) into one ES module, pkg/editor.js, that studio.js imports
// (the page runs plain ES modules under a strict CSP: no bundler at run time, no eval).
export { EditorView, basicSetup } from 'codemirror';
export { EditorState } from '@codemirror/state';
export { json, jsonParseLinter } from '@codemirror/lang-json';
export { linter, lintGutter, forceLinting, diagnosticCount } from '@codemirror/lint';
export { syntaxTree } from '@codemirror/language';
export { hoverTooltip } from '@codemirror/view';
export { autocompletion } from '@codemirror/autocomplete';
