// The site's own part of search, loaded by search-on-demand.js with Material's search worker
// at the reader's first query, so that it adds nothing to a page load.
"use strict";

// The reader's query in the site's words: "3 + 3" as 3+3 (hooks/search/variants.py indexes the
// design so), and each word in lower case, in the site's spelling (`spellings`, from
// hooks/search/spellings.yml: tumour -> tumor, 150 mcg/kg -> 150 µg/kg), and by its stem where
// the stem begins the word, so that a word finds its family (haematology -> hematolog, which
// finds hematologic; dosing stays dosing). A word followed by ":" names a field.
function respell(query, spellings) {
  const anywhere = Object.entries(spellings.anywhere);
  const wordStart = Object.entries(spellings.word_start);
  return query
    .replace(/(\d)\s*\+\s*(\d)/g, "$1+$2")
    .replace(/(?<!\p{L})\p{L}+(?![\p{L}:])/gu, (found) => {
      let word = found.toLowerCase();
      for (const [typed, written] of wordStart) if (word.startsWith(typed)) word = written + word.slice(typed.length);
      for (const [typed, written] of anywhere) word = word.split(typed).join(written);
      const stem = word.length > 3 ? self.lunr.stemmer(new self.lunr.Token(word)).toString() : word;
      return word.startsWith(stem) ? stem : word;
    });
}

// Material ranks by lunr's score, in which a word in a section's title counts a thousand times
// one in its text, so that a section whose title holds one word of the query ("200 µg/kg") can
// outrank a section that holds the whole query ("150 µg/kg"). Here every result that holds each
// word of the query (Material's `terms`) outranks every result that does not; the order is
// otherwise Material's.
function completeFirst(message) {
  if (message.type !== 3) return message;
  const complete = (item) => Object.keys(item.terms).length > 0 && Object.values(item.terms).every(Boolean);
  const groups = message.data.items;
  const lead = Math.max(0, ...groups.flat().filter((item) => !complete(item)).map((item) => item.score));
  const items = groups
    .map((group) => group.map((item) => (complete(item) ? { ...item, score: item.score + lead } : item)))
    .map((group) => group.sort((a, b) => b.score - a.score))
    .sort((a, b) => b[0].score - a[0].score);
  return { ...message, data: { ...message.data, items } };
}
