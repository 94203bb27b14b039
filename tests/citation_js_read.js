// Reads reference files as citation.js (@citation-js/core with its RIS and BibTeX plugins) reads
// them, and prints what it makes of each as CSL-JSON: the items a reference manager built on
// citation.js would import. Used by tests/test_references_reach_reference_managers.py.
//   node tests/citation_js_read.js FILE...   ->   {"FILE": [item, ...], ...}
"use strict";
const fs = require("fs");
const { Cite } = require("@citation-js/core");
require("@citation-js/plugin-ris");
require("@citation-js/plugin-bibtex");

const read = {};
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  const format = file.endsWith(".ris") ? "@ris/file" : file.endsWith(".bib") ? "@biblatex/text" : "@csl/list+object";
  const input = format === "@csl/list+object" ? JSON.parse(text) : text;
  read[file] = new Cite(input, { forceType: format }).data;
}
process.stdout.write(JSON.stringify(read));
