// Side-by-side accuracy benchmark: every case of tests/corpus goes through
// deskd (`deskctl parse --json`) and through the open-source reply parsers
// from npm — planer (Mailgun talon's port) and email-reply-parser (GitHub's,
// as maintained by Crisp) — both over mailparser for MIME and charsets.
// Each expectation key of <case>.expect.json that a tool can answer is scored
// the way tests/unit/corpus_test.cc scores deskd; a tool without the feature
// scores n/a. Prints one table (field x tool) and the new_text breakdown by
// client and by language. Never fails on accuracy: exit 0 unless a tool could
// not run at all. Method and choices: docs/benchmarks.md.
//
// Usage: node bench.mjs --deskctl PATH [--corpus DIR] [--json OUT] [--verbose]
//                       [--doc docs/benchmarks.md]   (rewrites its table block)

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

import { simpleParser } from 'mailparser';
import { htmlToText } from 'html-to-text';
import EmailReplyParser from 'email-reply-parser';
import { JSDOM } from 'jsdom';

const require = createRequire(import.meta.url);
const planer = require('planer');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..', '..');

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const args = { corpus: path.join(ROOT, 'tests', 'corpus'), deskctl: null, json: null, verbose: false };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--deskctl') args.deskctl = argv[++i];
    else if (a === '--corpus') args.corpus = argv[++i];
    else if (a === '--json') args.json = argv[++i];
    else if (a === '--doc') args.doc = argv[++i];
    else if (a === '--verbose' || a === '-v') args.verbose = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.deskctl) {
    for (const dir of fs.readdirSync(ROOT).filter((d) => d.startsWith('build')).sort()) {
      const p = path.join(ROOT, dir, 'deskctl');
      if (fs.existsSync(p)) { args.deskctl = p; break; }
    }
  }
  if (!args.deskctl) throw new Error('no deskctl: pass --deskctl BUILD/deskctl');
  return args;
}

// ------------------------------------------------------- corpus_test's rules

// Spaces a line may end in without a reader seeing them (corpus_test.cc's
// TrimLineEnd): space, tab, CR, NO-BREAK SPACE.
function trimLineEnd(line) {
  return line.replace(/[ \t\r\u00a0]+$/u, '');
}

// corpus_test.cc's TrimText: line ends trimmed, blank lines at both ends dropped.
function trimText(text) {
  const lines = String(text ?? '').split('\n').map(trimLineEnd);
  // std::getline does not yield an empty last line for a trailing '\n'.
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  let first = 0;
  while (first < lines.length && lines[first] === '') ++first;
  return lines.slice(first).join('\n');
}

// For "is this text in there" questions that are about decoding, not layout:
// white space (line wraps, flowed re-joining, indentation), list bullets and
// zero-width characters are ignored, every letter, digit, punctuation mark and
// symbol must be there as decoded.
function squeeze(text) {
  return String(text ?? '').replace(/[\s\u00a0\u200b-\u200d\u2060\ufeff\u00ad•·*]+/gu, '');
}

// ------------------------------------------------------------------ corpus

function loadCorpus(dir) {
  const cases = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.expect.json')) continue;
    const name = file.slice(0, -'.expect.json'.length);
    const eml = path.join(dir, `${name}.eml`);
    if (!fs.existsSync(eml)) continue;
    cases.push({ name, eml, expect: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) });
  }
  return cases;
}

// The client that wrote a case, from its name (tests/corpus/README.md names
// cases <client>_<what>; edge cases of charsets and headers by their topic).
// Unknown prefixes count as "other".
const CLIENTS = [
  ['outlook_express', 'Outlook Express'],
  ['outlook_mobile', 'Outlook mobile'],
  ['outlook_ios', 'Outlook mobile'],
  ['outlook_android', 'Outlook mobile'],
  ['owa', 'Outlook on the web'],
  ['outlook_web', 'Outlook on the web'],
  ['outlook', 'Outlook desktop'],
  ['gmail', 'Gmail'],
  ['iphone', 'Apple Mail / iPhone'],
  ['ipad', 'Apple Mail / iPhone'],
  ['apple', 'Apple Mail / iPhone'],
  ['thunderbird', 'Thunderbird'],
  ['yandex', 'Yandex'],
  ['mailru', 'Mail.ru'],
  ['mail_ru', 'Mail.ru'],
  ['lotus', 'Lotus Notes'],
  ['notes', 'Lotus Notes'],
  ['mutt', 'mutt / Alpine / mailx'],
  ['neomutt', 'mutt / Alpine / mailx'],
  ['alpine', 'mutt / Alpine / mailx'],
  ['mailx', 'mutt / Alpine / mailx'],
  ['thebat', 'The Bat!'],
  ['windows_mail', 'Windows Mail'],
  ['android', 'Android mail'],
  ['samsung', 'Android mail'],
  ['erp', 'robots and web forms'],
  ['php', 'robots and web forms'],
  ['phpmailer', 'robots and web forms'],
  ['javamail', 'robots and web forms'],
  ['intranet', 'robots and web forms'],
  ['portal', 'robots and web forms'],
  ['robot', 'robots and web forms'],
  ['label', 'charset and header edge cases'],
  ['unlabelled', 'charset and header edge cases'],
  ['relay', 'charset and header edge cases'],
  ['subject', 'charset and header edge cases'],
  ['header', 'charset and header edge cases'],
  ['rfc6532', 'charset and header edge cases'],
  ['malformed', 'charset and header edge cases'],
];

function clientOf(name) {
  for (const [prefix, client] of CLIENTS) {
    if (name === prefix || name.startsWith(`${prefix}_`) || name.startsWith(`${prefix}2_`)) return client;
  }
  return 'other';
}

// ------------------------------------------------------------------- tools

// deskd: one `deskctl parse --json` over every file, with the desk settings
// corpus_test.cc uses (bench_desk.toml).
function runDeskd(deskctl, cases) {
  const config = path.join(HERE, 'bench_desk.toml');
  let out;
  try {
    out = execFileSync(deskctl, ['parse', '--json', '--config', config, ...cases.map((c) => c.eml)],
      { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (e) {
    // Exit code 65 (a mail it calls unparseable) still prints the JSON.
    if (e.stdout) out = e.stdout; else throw e;
  }
  let all = JSON.parse(out);
  if (!Array.isArray(all)) all = [all];
  const byFile = new Map(all.map((o) => [o.file, o]));
  const results = new Map();
  for (const c of cases) {
    const o = byFile.get(c.eml);
    if (!o) { results.set(c.name, { error: 'no output' }); continue; }
    results.set(c.name, {
      subject: o.subject,
      from: o.from ? { address: o.from.address ?? null, name: o.from.name ?? null } : null,
      text: o.text,
      new_text: o.new_text,
      language: o.language,
      commands: o.commands,
      classification: o.classification,
    });
  }
  return results;
}

// html-to-text as mailparser calls it, but without its 80-column hard wrap
// (the reply parsers then see the client's lines as written), and with the
// empty paragraphs of Word and OWA HTML (<p>&nbsp;</p>, <div><br></div>)
// folded: a line of white space is blank, a run of blank lines is one.
function htmlAsText(html) {
  const text = htmlToText(html, { wordwrap: false, limits: { maxDepth: 1000 } });
  return text.split('\n').map((l) => (/^[\s\u00a0]*$/u.test(l) ? '' : l)).join('\n').replace(/\n{3,}/g, '\n\n');
}

// What the npm tools start from: mailparser's decoded message. `plain` is the
// text/plain body when the mail has one; otherwise the HTML is converted.
async function decode(raw) {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipImageLinks: true });
  const plain = typeof mail.text === 'string' && mail.text.trim() !== '' ? mail.text : null;
  const html = typeof mail.html === 'string' && mail.html.trim() !== '' ? mail.html : null;
  const text = plain ?? (html ? htmlAsText(html) : '');
  const first = mail.from?.value?.[0];
  return {
    plain, html, text,
    subject: mail.subject ?? '',
    from: first ? { address: first.address ? first.address.toLowerCase() : null, name: first.name || null } : null,
  };
}

function commonFields(d, newText) {
  return { subject: d.subject, from: d.from, text: d.text, new_text: newText };
}

const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>').window.document;
const erp = new EmailReplyParser();

// Each tool: name, how it reads the decoded mail, which fields it has.
const TOOLS = [
  { id: 'deskd', label: 'deskd' },
  {
    id: 'planer',
    label: 'planer (text first)',
    run: (d) => commonFields(d, d.plain !== null
      ? planer.extractFrom(d.plain, 'text/plain')
      : htmlAsText(planer.extractFrom(d.html ?? '', 'text/html', dom))),
  },
  {
    id: 'planer_html',
    label: 'planer (HTML first)',
    run: (d) => commonFields(d, d.html !== null
      ? htmlAsText(planer.extractFrom(d.html, 'text/html', dom))
      : planer.extractFrom(d.plain ?? '', 'text/plain')),
  },
  {
    id: 'erp',
    label: 'email-reply-parser',
    run: (d) => commonFields(d, erp.read(d.text).getVisibleText()),
  },
];
const NPM_FIELDS = new Set(['subject', 'from_address', 'from_name', 'text', 'new_text', 'new_text_lenient']);

// ----------------------------------------------------------------- scoring

// Fields of the table, in order. Each: applies(expect) and check(expect, got)
// -> {pass, detail}; `has` says which tools can answer it at all.
const FIELDS = [
  {
    id: 'subject', label: 'subject (decoded, unfolded)',
    applies: (e) => 'subject' in e,
    check: (e, g) => ({ pass: g.subject === e.subject, want: e.subject, got: g.subject }),
  },
  {
    id: 'from_address', label: 'from: address',
    applies: (e) => e.from && 'address' in e.from,
    check: (e, g) => {
      const got = g.from?.address ?? null;
      const want = e.from.address;
      return { pass: (got ?? '').toLowerCase() === (want ?? '').toLowerCase() && (got === null) === (want === null), want, got };
    },
  },
  {
    id: 'from_name', label: 'from: display name',
    applies: (e) => e.from && 'name' in e.from,
    check: (e, g) => ({ pass: (g.from?.name ?? null) === e.from.name, want: e.from.name, got: g.from?.name ?? null }),
  },
  {
    id: 'text', label: 'body decoded (charset)',
    applies: (e) => 'new_text' in e || 'text_contains' in e || 'new_text_contains' in e,
    check: (e, g) => {
      const pieces = [];
      if (typeof e.new_text === 'string') pieces.push(...e.new_text.split('\n').filter((l) => l.trim() !== ''));
      for (const p of e.text_contains ?? []) pieces.push(p);
      for (const p of e.new_text_contains ?? []) pieces.push(p);
      const hay = squeeze(g.text);
      const missing = pieces.filter((p) => !hay.includes(squeeze(p)));
      return { pass: missing.length === 0, want: missing.length ? `contains ${JSON.stringify(missing)}` : 'all present', got: g.text };
    },
  },
  {
    id: 'new_text', label: 'new_text (quotes, signatures stripped)',
    applies: (e) => 'new_text' in e || 'new_text_contains' in e || 'new_text_not_contains' in e,
    check: (e, g) => {
      const got = String(g.new_text ?? '');
      const wrong = [];
      if (typeof e.new_text === 'string' && trimText(got) !== trimText(e.new_text)) wrong.push('exact text differs');
      for (const p of e.new_text_contains ?? []) if (!got.includes(p)) wrong.push(`missing ${JSON.stringify(p)}`);
      for (const p of e.new_text_not_contains ?? []) if (got.includes(p)) wrong.push(`has ${JSON.stringify(p)}`);
      const want = typeof e.new_text === 'string' ? e.new_text
        : JSON.stringify({ contains: e.new_text_contains ?? [], not_contains: e.new_text_not_contains ?? [] });
      return { pass: wrong.length === 0, want, got, why: wrong.join('; ') };
    },
  },
  {
    // Not corpus_test's rule: a generous second reading of new_text, so that
    // deskd's policy of also dropping sign-offs and phone trailers does not
    // decide the comparison alone. The expected text must be there whole, at
    // the start; after it at most four non-blank lines may follow, none a
    // '>' quote (a left-over sign-off, signature, trailer or lone attribution
    // line passes; a kept quote or From:/Sent:/To:/Subject: block does not).
    // Leading command lines (#status …) are not counted either.
    id: 'new_text_lenient', label: 'new_text, lenient (≤ 4 extra lines after it)',
    applies: (e) => 'new_text' in e || 'new_text_contains' in e || 'new_text_not_contains' in e,
    check: (e, g) => {
      const got = String(g.new_text ?? '');
      const wrong = [];
      if (typeof e.new_text === 'string') {
        const want = trimText(e.new_text);
        // Leading '#name arg' command lines are deskd's business: skipped here.
        const lines = trimText(trimText(got).replace(/^(#[A-Za-z]+\b[^\n]*\n?\s*)+/u, '')).split('\n');
        // Shortest prefix of got's lines that squeezes to the expected text.
        let cut = -1;
        if (squeeze(want) === '') cut = 0;
        for (let i = 1; cut < 0 && i <= lines.length; ++i) {
          const head = squeeze(lines.slice(0, i).join('\n'));
          if (head === squeeze(want)) cut = i;
          else if (!squeeze(want).startsWith(head)) break;
        }
        if (cut < 0) wrong.push('expected text not kept whole at the start');
        else {
          const rest = lines.slice(cut).filter((l) => l.trim() !== '');
          if (rest.length > 4) wrong.push(`${rest.length} extra lines`);
          if (rest.some((l) => /^\s*>/.test(l))) wrong.push('a quote line kept');
        }
      }
      for (const p of e.new_text_contains ?? []) if (!got.includes(p)) wrong.push(`missing ${JSON.stringify(p)}`);
      for (const p of e.new_text_not_contains ?? []) if (got.includes(p)) wrong.push(`has ${JSON.stringify(p)}`);
      const want = typeof e.new_text === 'string' ? e.new_text
        : JSON.stringify({ contains: e.new_text_contains ?? [], not_contains: e.new_text_not_contains ?? [] });
      return { pass: wrong.length === 0, want, got, why: wrong.join('; ') };
    },
  },
  {
    id: 'language', label: 'language',
    applies: (e) => 'language' in e,
    check: (e, g) => ({ pass: g.language === e.language, want: e.language, got: g.language }),
  },
  {
    id: 'commands', label: 'commands',
    applies: (e) => 'commands' in e,
    check: (e, g) => ({ pass: JSON.stringify(g.commands) === JSON.stringify(e.commands), want: JSON.stringify(e.commands), got: JSON.stringify(g.commands) }),
  },
  {
    id: 'classification', label: 'classification',
    applies: (e) => 'classification' in e,
    check: (e, g) => ({ pass: g.classification === e.classification, want: e.classification, got: g.classification }),
  },
];

function toolHas(tool, field) {
  return tool.id === 'deskd' || NPM_FIELDS.has(field.id);
}

// ------------------------------------------------------------------ output

function pct(s) {
  if (!s) return 'n/a';
  if (s.total === 0) return '–';
  return `${s.pass}/${s.total} (${(100 * s.pass / s.total).toFixed(0)} %)`;
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...r[i]].length)));
  const line = (cells) => `| ${cells.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? '-' : '-').repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function short(s, n = 160) {
  const t = typeof s === 'string' ? s : JSON.stringify(s);
  const one = String(t).replace(/\n/g, '⏎');
  return one.length > n ? `${one.slice(0, n)}…` : one;
}

// Replaces the block between the bench markers of the doc with the tables.
function updateDoc(file, nCases, tables) {
  const begin = '<!-- bench_reply_parsers:begin -->';
  const end = '<!-- bench_reply_parsers:end -->';
  const doc = fs.readFileSync(file, 'utf8');
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${file}: no ${begin} ... ${end} block`);
  const block = `${begin}\n${nCases} corpus cases.\n\n${tables}\n${end}`;
  fs.writeFileSync(file, doc.slice(0, i) + block + doc.slice(j + end.length));
}

// -------------------------------------------------------------------- main

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const cases = loadCorpus(args.corpus);
  const deskd = runDeskd(args.deskctl, cases);

  // results[tool][case] = fields the tool produced
  const results = { deskd };
  for (const tool of TOOLS.filter((t) => t.run)) results[tool.id] = new Map();
  for (const c of cases) {
    const d = await decode(fs.readFileSync(c.eml));
    for (const tool of TOOLS.filter((t) => t.run)) {
      try {
        results[tool.id].set(c.name, tool.run(d));
      } catch (e) {
        results[tool.id].set(c.name, { ...commonFields(d, ''), error: String(e) });
      }
    }
  }

  // score[field][tool] = {pass, total, fails: [...]}; breakdowns for new_text
  const score = {};
  const byClient = {};
  const byLang = {};
  for (const f of FIELDS) {
    score[f.id] = {};
    for (const tool of TOOLS) if (toolHas(tool, f)) score[f.id][tool.id] = { pass: 0, total: 0, fails: [] };
  }
  for (const c of cases) {
    for (const f of FIELDS) {
      if (!f.applies(c.expect)) continue;
      for (const tool of TOOLS) {
        if (!toolHas(tool, f)) continue;
        const got = results[tool.id].get(c.name) ?? {};
        const r = f.check(c.expect, got);
        const s = score[f.id][tool.id];
        s.total++;
        if (r.pass) s.pass++; else s.fails.push({ case: c.name, ...r });
        if (f.id === 'new_text') {
          for (const [bucket, key] of [[byClient, clientOf(c.name)], [byLang, c.expect.language ?? '(none given)']]) {
            bucket[key] ??= {};
            bucket[key][tool.id] ??= { pass: 0, total: 0 };
            bucket[key][tool.id].total++;
            if (r.pass) bucket[key][tool.id].pass++;
          }
        }
      }
    }
  }

  const header = ['field', ...TOOLS.map((t) => t.label)];
  const report = [];
  report.push(table(header, FIELDS.map((f) => [f.label, ...TOOLS.map((t) => pct(score[f.id][t.id]))])));
  const breakdown = (title, bucket) => {
    const keys = Object.keys(bucket).sort((a, b) => (a === 'other') - (b === 'other') || a.localeCompare(b));
    report.push(`\n${title}\n`);
    report.push(table([title.split(' ')[2], ...TOOLS.map((t) => t.label)],
      keys.map((k) => [k, ...TOOLS.map((t) => pct(bucket[k][t.id]))])));
  };
  breakdown('new_text by client', byClient);
  breakdown('new_text by language', byLang);
  console.log(`Reply-parser benchmark: ${cases.length} corpus cases (${args.corpus})\n`);
  console.log(report.join('\n'));
  if (args.doc) updateDoc(args.doc, cases.length, report.join('\n'));

  // Fields where deskd is not ahead of every other tool (a tie counts).
  const behind = [];
  for (const f of FIELDS) {
    const mine = score[f.id].deskd;
    const others = TOOLS.filter((t) => t.id !== 'deskd' && score[f.id][t.id]?.total > 0);
    const best = Math.max(-1, ...others.map((t) => score[f.id][t.id].pass));
    if (best >= mine.pass) behind.push(`${f.id} (deskd ${mine.pass}/${mine.total}, best other ${best}/${mine.total})`);
  }
  console.log(behind.length ? `\ndeskd NOT ahead on: ${behind.join('; ')}` : '\ndeskd is ahead on every field the other tools have.');

  console.log('\nCases deskd fails (field: case — expected / deskd / others):');
  let any = false;
  for (const f of FIELDS) {
    for (const fail of score[f.id].deskd.fails) {
      any = true;
      console.log(`- ${f.id}: ${fail.case}${fail.why ? ` (${fail.why})` : ''}`);
      console.log(`    expected: ${short(fail.want)}`);
      console.log(`    deskd:    ${short(fail.got)}`);
      for (const tool of TOOLS.filter((t) => t.run && toolHas(t, f))) {
        const passed = !score[f.id][tool.id].fails.some((x) => x.case === fail.case);
        const g = results[tool.id].get(fail.case) ?? {};
        const val = f.id === 'from_address' ? g.from?.address : f.id === 'from_name' ? g.from?.name
          : f.id === 'new_text_lenient' ? g.new_text : g[f.id];
        console.log(`    ${tool.label}: ${passed ? 'PASS' : 'fail'} ${short(val)}`);
      }
    }
  }
  if (!any) console.log('- none');

  if (args.verbose) {
    for (const tool of TOOLS.filter((t) => t.run)) {
      console.log(`\nCases ${tool.label} fails:`);
      for (const f of FIELDS) {
        for (const fail of score[f.id][tool.id]?.fails ?? []) {
          console.log(`- ${f.id}: ${fail.case}${fail.why ? ` (${fail.why})` : ''}\n    expected: ${short(fail.want)}\n    got:      ${short(fail.got)}`);
        }
      }
    }
  }

  if (args.json) {
    const versions = {};
    for (const p of ['mailparser', 'planer', 'email-reply-parser', 'jsdom', 'html-to-text']) {
      versions[p] = JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', p, 'package.json'), 'utf8')).version;
    }
    fs.writeFileSync(args.json, JSON.stringify({ cases: cases.length, node: process.version, versions, score, byClient, byLang }, null, 2));
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
