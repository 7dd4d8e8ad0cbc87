// Request XML: the sample file, insurer-number padding, round trips in both encodings, and JST time formatting.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeyedConfirmation } from '../../../../../../electron/core/gateway/qualification-gateway';
import {
  formatOqsDateTime,
  INSURER_NUMBER_PADDING,
  isoToOqsDateTime,
  oqsDateTimeToIso,
  padInsurerNumber,
} from '../../../../../../electron/core/gateway/xml/codes';
import { decodeXml } from '../../../../../../electron/core/gateway/xml/encoding';
import {
  keyedToRequestDocument,
  readRequestXml,
  requestDocumentToKeyed,
  writeRequestXml,
} from '../../../../../../electron/core/gateway/xml/request-xml';

const fixtures = path.resolve(import.meta.dirname, '../../../../../fixtures/oqs');
const envelope = { requestId: 'REQ0001', medicalInstitutionCode: '0110113719', confirmationDate: '20261127' };

describe('request file OQSsiquc01req_', () => {
  it('reads the sample request', () => {
    const doc = readRequestXml(readFileSync(path.join(fixtures, 'req-keyed-utf8.xml')));
    expect(doc.header.ArbitraryFileIdentifier).toBe('KEYED0001');
    expect(doc.search.ArbitraryIdentifier).toBe('A-1');
    expect(requestDocumentToKeyed(doc)).toEqual({
      route: 'keyed',
      insurerNumber: '138057',
      symbol: '見本',
      number: '77001',
      branch: '01',
      birthdate: '20100606',
      limitConsent: true,
    });
  });

  it('right-justifies 6-digit insurer numbers with two spaces (the one named constant decides)', () => {
    expect(INSURER_NUMBER_PADDING).toBe('spaces');
    expect(padInsurerNumber('138057')).toBe('  138057');
    expect(padInsurerNumber('01130012')).toBe('01130012');
    const doc = keyedToRequestDocument(
      { route: 'keyed', insurerNumber: '138057', number: '1', birthdate: '19900101', limitConsent: false },
      envelope,
    );
    expect(doc.search).toEqual({
      InsurerNumber: '  138057',
      InsuredIdentificationNumber: '1',
      Birthdate: '19900101',
      LimitApplicationCertificateRelatedConsFlg: '0',
    });
  });

  it.each(['utf8', 'sjis'] as const)('round-trips keyed requests through the file (%s)', (encoding) => {
    const keyedArb = fc.record(
      {
        route: fc.constant('keyed' as const),
        insurerNumber: fc.constantFrom('01130012', '138057', '39131016', '06110829'),
        symbol: fc.stringMatching(/^[0-9A-Za-z見本記号１２－-]{1,10}$/),
        number: fc.stringMatching(/^[0-9]{1,10}$/),
        branch: fc.constantFrom('00', '01', '02', '10'),
        birthdate: fc.integer({ min: 19000101, max: 20991231 }).map(String),
        limitConsent: fc.boolean(),
      },
      { requiredKeys: ['route', 'insurerNumber', 'number', 'birthdate', 'limitConsent'] },
    );
    fc.assert(
      fc.property(keyedArb, (keyed: KeyedConfirmation) => {
        const bytes = writeRequestXml(keyedToRequestDocument(keyed, envelope), encoding);
        expect(decodeXml(bytes).encoding).toBe(encoding);
        const doc = readRequestXml(bytes);
        expect(doc.header).toEqual({
          QualificationConfirmationDate: '20261127',
          MedicalInstitutionCode: '0110113719',
          ArbitraryFileIdentifier: 'REQ0001',
        });
        expect(requestDocumentToKeyed(doc)).toEqual(keyed);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});

describe('OQS times', () => {
  it('are written and read as JST whatever the machine time zone', () => {
    expect(formatOqsDateTime(new Date('2026-11-27T15:30:05Z'))).toBe('20261128003005');
    expect(oqsDateTimeToIso('20261128003005')).toBe('2026-11-28T00:30:05+09:00');
    expect(isoToOqsDateTime('2026-11-28T00:30:05+09:00')).toBe('20261128003005');
    expect(oqsDateTimeToIso('2026112800300')).toBeUndefined();
    expect(oqsDateTimeToIso('20261399003005')).toBeUndefined();
  });
});
