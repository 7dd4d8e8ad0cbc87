// Property tests: no input, however malformed, makes the readers throw anything but GatewayError or hang.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../../../../electron/core/gateway/qualification-gateway';
import {
  readRequestXml,
  requestDocumentToKeyed,
} from '../../../../../../electron/core/gateway/xml/request-xml';
import { parseResultXml } from '../../../../../../electron/core/gateway/xml/result-mapper';

const fixtures = path.resolve(import.meta.dirname, '../../../../../fixtures/oqs');
/** Every result file of the corpus: both encodings, BOM, no declaration, both 医療扶助 layouts, errors. */
const samples = readdirSync(fixtures)
  .filter((name) => name.endsWith('.xml') && !name.startsWith('req-'))
  .sort()
  .map((name) => readFileSync(path.join(fixtures, name)));
const request = readFileSync(path.join(fixtures, 'req-keyed-utf8.xml'));

/** Every outcome is a result or a GatewayError; anything else fails the property. */
function onlyGatewayErrors(bytes: Uint8Array): void {
  try {
    parseResultXml(bytes, { gateway: 'oqs-folder' });
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
  }
  try {
    requestDocumentToKeyed(readRequestXml(bytes));
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
  }
}

const runs = { numRuns: 200, seed: 424242 };
const elementNames = [
  'XmlMsg',
  'MessageHeader',
  'MessageBody',
  'ResultList',
  'ResultOfQualificationConfirmation',
  'SegmentOfResult',
  'QualificationValidity',
  'Name',
  'Birthdate',
  'LimitApplicationCertificateRelatedInfo',
  'SpecificDiseasesCertificateList',
  'SpecificDiseasesCertificateInfo',
  'constructor',
  '__proto__',
  'toString',
];

describe('XML readers never throw anything but GatewayError', () => {
  it('random strings and bytes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => onlyGatewayErrors(Buffer.from(s))),
      runs,
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => onlyGatewayErrors(b)),
      runs,
    );
  });

  it('real files truncated anywhere', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...samples, request),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (file, cut) => onlyGatewayErrors(file.subarray(0, Math.floor(file.length * cut))),
      ),
      runs,
    );
  });

  it('real files with bytes flipped, inserted or in the wrong encoding', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...samples, request),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (file, edits) => {
          const copy = Buffer.from(file);
          for (const [at, value] of edits) copy[at % copy.length] = value;
          onlyGatewayErrors(copy);
        },
      ),
      runs,
    );
    for (const file of samples) {
      const text = file.toString('utf8');
      onlyGatewayErrors(iconv.encode(text, 'utf16le'));
      onlyGatewayErrors(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]));
      onlyGatewayErrors(iconv.encode(text.replace('UTF-8', 'Shift_JIS'), 'euc-jp'));
      onlyGatewayErrors(Buffer.from(iconv.decode(file, 'Shift_JIS'), 'latin1'));
    }
  });

  it('random element trees built from the real element names', () => {
    const tree: fc.Memo<string> = fc.memo((n) =>
      n <= 1
        ? fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('1', '2', '9', '20261127101010', '19900101'))
        : fc
            .tuple(fc.constantFrom(...elementNames), fc.array(tree(n - 1), { maxLength: 4 }))
            .map(([name, children]) => `<${name}>${children.join('')}</${name}>`),
    );
    fc.assert(
      fc.property(tree(5), (body) => onlyGatewayErrors(Buffer.from(`<XmlMsg>${body}</XmlMsg>`))),
      runs,
    );
  });

  it('deep nesting, huge attributes, huge text and entity tricks', () => {
    const depth = 20_000;
    onlyGatewayErrors(Buffer.from('<XmlMsg>' + '<a>'.repeat(depth) + '</a>'.repeat(depth) + '</XmlMsg>'));
    onlyGatewayErrors(Buffer.from('<a>'.repeat(depth)));
    onlyGatewayErrors(Buffer.from(`<XmlMsg><MessageHeader x="${'a'.repeat(300_000)}"/></XmlMsg>`));
    onlyGatewayErrors(Buffer.from(`<XmlMsg><MessageHeader x="${'a'.repeat(2_000_000)}"/></XmlMsg>`));
    onlyGatewayErrors(Buffer.from(`<XmlMsg>${'x'.repeat(5_000_000)}</XmlMsg>`));
    onlyGatewayErrors(Buffer.from('<XmlMsg>&#0;&#xFFFFFF;&unknown;&amp;</XmlMsg>'));
    onlyGatewayErrors(Buffer.from('<!DOCTYPE XmlMsg [<!ENTITY a "&a;&a;">]><XmlMsg>&a;</XmlMsg>'));
    onlyGatewayErrors(Buffer.from('<?xml version="1.0" encoding="' + 'x'.repeat(1000) + '"?><XmlMsg/>'));
  });
});
