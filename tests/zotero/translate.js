// Runs Zotero's own translators the way Zotero does, through a checkout of Zotero's
// translation-server (github.com/zotero/translation-server, with its modules/ and npm packages),
// and prints the items as Zotero's API JSON. Used by tests/test_references_reach_reference_managers.py
// when ZOTERO_TRANSLATION_SERVER names such a checkout (MAINTAINERS.md says how to set one up).
//
//   node tests/zotero/translate.js web URL      Embedded Metadata alone, as when a reader picks it
//                                               in the connector (on a page with a reference list
//                                               the connector's default is COinS: the cited works)
//   node tests/zotero/translate.js import FILE  the import translator Zotero picks for FILE
"use strict";
const path = require("path");
const fs = require("fs");

const server = process.env.ZOTERO_TRANSLATION_SERVER;
process.chdir(server); // its config/ and modules/ are found from the working directory
const load = (name) => require(path.join(server, "src", name));
load("zotero");
load("http");
const Debug = load("debug");
const Translators = load("translators");
const Translate = load(path.join("translation", "translate"));
const EMBEDDED_METADATA = "951c027d-74ac-47d4-a107-9c3069ab7b48";

async function web(url) {
  const request = await Zotero.HTTP.request("GET", url, { responseTypeMap: new Map([["html", "document"]]) });
  const translate = new Translate.Web();
  translate.setDocument(request.response);
  const found = await new Promise((resolve) => {
    translate.setHandler("translators", (_, translators) => resolve(translators));
    translate.getTranslators(true);
  });
  const embedded = found.find((t) => t.translatorID === EMBEDDED_METADATA);
  if (!embedded) throw new Error(`Embedded Metadata does not detect ${url}; found: ${found.map((t) => t.label)}`);
  translate.setTranslator(embedded);
  return translate.translate({ libraryID: false });
}

async function importFile(file) {
  const translate = new Translate.Import();
  translate.setString(fs.readFileSync(file, "utf8"));
  const [first] = await translate.getTranslators();
  if (!first) throw new Error(`no Zotero import translator reads ${file}`);
  translate.setTranslator(first);
  return translate.translate({ libraryID: 1 });
}

(async () => {
  Debug.init(0);
  await Translators.init();
  const [mode, target] = process.argv.slice(2);
  const items = mode === "web" ? await web(target) : await importFile(target);
  process.stdout.write(JSON.stringify(items.flatMap((item) => Zotero.Utilities.Item.itemToAPIJSON(item))));
})().catch((e) => {
  process.stderr.write(String((e && e.stack) || e) + "\n");
  process.exit(1);
});
