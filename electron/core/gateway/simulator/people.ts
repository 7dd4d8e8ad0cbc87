// Synthetic insured persons of the simulator, shaped like real answers: every validity, 限度額 class and error case. All fictional.
import type { InsuredPerson, QualificationValidity } from '../qualification-gateway';
import { copayTenthsToRatio, limitClassLabel } from '../xml/codes';

/** How the simulated system answers for this person instead of a normal result. */
export type SimulatedAnswer =
  | { kind: 'processing' }
  /** Abnormal end (SegmentOfResult 9) with a system error code. Codes of 別紙6-1 are not known; 4151 is single-source (§4.2). */
  | { kind: 'error'; errorCode: string; errorMessage: string };

export interface SimulatedPerson {
  id: string;
  /** Short description for a simulator panel, e.g. "有効・3割・区分ウ". */
  label: string;
  /** Serial number of the card's 利用者証明用電子証明書, lowercase hex without leading zeros. */
  certificateSerial?: string;
  /** 保険証利用登録 done? Default true. */
  registered?: boolean;
  validity: QualificationValidity;
  person: InsuredPerson;
  answer?: SimulatedAnswer;
}

const KYOKAI = {
  insurerNumber: '01130012',
  insurerName: '全国健康保険協会　見本支部',
  cardClassification: '01',
};
const KUMIAI = { insurerNumber: '06110829', insurerName: '見本商事健康保険組合', cardClassification: '01' };
const KOKUHO = { insurerNumber: '138057', insurerName: '見本市', cardClassification: '01' };
const KYOSAI = { insurerNumber: '33120015', insurerName: '見本共済組合', cardClassification: '01' };
const KOKI = {
  insurerNumber: '39131016',
  insurerName: '見本県後期高齢者医療広域連合',
  cardClassification: '01',
};
/** 医療扶助 (InsuredCardClassification A1, §2.4); the 公費負担者番号 of a 福祉事務所 (法別 12) fills InsurerNumber in one layout. */
const MEDICAL_AID = { insurerNumber: '', insurerName: '見本市福祉事務所', cardClassification: 'A1' };
const MEDICAL_AID_IN_INSURER = {
  insurerNumber: '12131017',
  insurerName: '見本区福祉事務所',
  cardClassification: 'A1',
};

type Base = typeof KYOKAI;

/**
 * One insured person as a real answer describes them. `ratio` is InsuredPartialContributionRatio,
 * which real answers carry for 後期高齢者 only (§2.2): people under 75 get no ratio element (70–74
 * have theirs in the 高齢受給者証 block) and the statutory rule applies by age.
 */
function person(
  base: Base,
  fields: Omit<
    InsuredPerson,
    | 'insurerNumber'
    | 'insurerName'
    | 'nameHasUnrenderable'
    | 'specificDiseases'
    | 'copayTenths'
    | 'contributionRatio'
  > & {
    ratio?: 1 | 2 | 3;
    specificDiseases?: InsuredPerson['specificDiseases'];
  },
): InsuredPerson {
  const { ratio, specificDiseases, ...rest } = fields;
  const out: InsuredPerson = {
    cardClassification: base.cardClassification,
    insurerNumber: base.insurerNumber,
    insurerName: base.insurerName,
    personalFamily: '1',
    sex: '1',
    qualificationDate: '20200401',
    ...rest,
    nameHasUnrenderable: rest.name.includes('●'),
    specificDiseases: specificDiseases ?? [],
  };
  if (ratio) {
    out.copayTenths = ratio;
    out.contributionRatio = copayTenthsToRatio[ratio];
  }
  return out;
}

function limit(
  classFlag: string,
  classification: '01' | '02' | '03' = '01',
): NonNullable<InsuredPerson['limit']> {
  return {
    classification,
    classFlag,
    label: limitClassLabel(classFlag),
    issuedOn: '20260401',
    validFrom: '20260401',
    validTo: '20270731',
  };
}

const elderly = (ratio: '010' | '020' | '030'): NonNullable<InsuredPerson['elderly']> => ({
  issuedOn: '20250801',
  validFrom: '20250801',
  validTo: '20270731',
  contributionRatio: ratio,
});

const core: SimulatedPerson[] = [
  {
    id: 'p01',
    label: '有効・区分ウ（協会けんぽ本人・割合の記載なし）',
    validity: 1,
    person: person(KYOKAI, {
      symbol: '見本１２',
      number: '3401',
      branch: '00',
      name: '試験　太郎',
      nameKana: 'ｼｹﾝ ﾀﾛｳ',
      birthdate: '19850412',
      address: '見本県見本市一丁目1番1号',
      postNumber: '100-0001',
      cardValidFrom: '20200401',
      limit: limit('A03'),
    }),
  },
  {
    id: 'p02',
    label: '有効・家族（組合・割合の記載なし）',
    validity: 1,
    person: person(KUMIAI, {
      symbol: '101',
      number: '2208',
      branch: '01',
      personalFamily: '2',
      insuredName: '見本　一郎',
      name: '見本　花子',
      nameKana: 'ﾐﾎﾝ ﾊﾅｺ',
      sex: '2',
      birthdate: '19900720',
    }),
  },
  {
    id: 'p03',
    label: '有効・未就学児（国保・割合の記載なし）',
    validity: 1,
    person: person(KOKUHO, {
      symbol: '見本',
      number: '55012',
      branch: '03',
      personalFamily: '2',
      name: '模擬　小太郎',
      nameKana: 'ﾓｷﾞ ｺﾀﾛｳ',
      birthdate: '20220305',
      preschool: '1',
    }),
  },
  {
    id: 'p04',
    label: '有効・70〜74歳・高齢受給者証2割（共済）',
    validity: 1,
    person: person(KYOSAI, {
      symbol: '共見',
      number: '8802',
      branch: '00',
      name: '架空　次郎',
      nameKana: 'ｶｸｳ ｼﾞﾛｳ',
      birthdate: '19540310',
      elderly: elderly('020'),
      limit: limit('B04'),
    }),
  },
  {
    id: 'p05',
    label: '後期高齢者（法別39）・1割・一般Ⅰ',
    validity: 1,
    person: person(KOKI, {
      number: '12345675',
      name: '仮名　ウメ',
      nameKana: 'ｶﾒｲ ｳﾒ',
      sex: '2',
      birthdate: '19460101',
      ratio: 1,
      limit: limit('B10'),
    }),
  },
  {
    id: 'p06',
    label: '後期高齢者・2割・一般Ⅱ',
    validity: 1,
    person: person(KOKI, {
      number: '22345674',
      name: '仮名　松吉',
      nameKana: 'ｶﾒｲ ﾏﾂｷﾁ',
      birthdate: '19480915',
      ratio: 2,
      limit: limit('B09'),
    }),
  },
  {
    id: 'p07',
    label: '後期高齢者・3割・現役並みⅢ',
    validity: 1,
    person: person(KOKI, {
      number: '32345673',
      name: '仮名　竹子',
      nameKana: 'ｶﾒｲ ﾀｹｺ',
      sex: '2',
      birthdate: '19470620',
      ratio: 3,
      limit: limit('B01'),
    }),
  },
  {
    id: 'p08',
    label: '特定疾病（人工透析・血友病）',
    validity: 1,
    person: person(KYOKAI, {
      symbol: '見本３４',
      number: '5120',
      branch: '00',
      name: '試験　透',
      nameKana: 'ｼｹﾝ ﾄｵﾙ',
      birthdate: '19720202',
      specificDiseases: [
        { category: '1', issuedOn: '20240401', validFrom: '20240401', validTo: '20280331', selfPay: '10000' },
        { category: '2', issuedOn: '20240401', validFrom: '20240401', validTo: '20280331', selfPay: '10000' },
      ],
    }),
  },
  {
    id: 'p09',
    label: '氏名に表示できない文字（●）',
    validity: 1,
    person: person(KYOKAI, {
      symbol: '見本５６',
      number: '6011',
      branch: '00',
      name: '●崎　試子',
      nameKana: 'ﾀｶｻｷ ｼｺ',
      nameOfOther: '髙崎　試子',
      sex: '2',
      birthdate: '19881111',
    }),
  },
  {
    id: 'p10',
    label: '無効（資格喪失）',
    validity: 2,
    person: person(KUMIAI, {
      symbol: '101',
      number: '3310',
      branch: '00',
      name: '見本　喪失',
      nameKana: 'ﾐﾎﾝ ｿｳｼﾂ',
      birthdate: '19800808',
      disqualificationDate: '20260331',
      reasonOfLoss: '03',
    }),
  },
  {
    id: 'p11',
    label: '無効（新しい資格あり）',
    validity: 3,
    person: person(KYOSAI, {
      symbol: '共見',
      number: '9901',
      branch: '00',
      name: '架空　転職',
      nameKana: 'ｶｸｳ ﾃﾝｼｮｸ',
      birthdate: '19930303',
      disqualificationDate: '20260930',
      reasonOfLoss: '03',
    }),
  },
  {
    id: 'p12',
    label: '有効（未登録）・医療扶助（公費の番号は専用の要素）',
    validity: 6,
    person: person(MEDICAL_AID, {
      number: '',
      name: '模擬　扶助',
      nameKana: 'ﾓｷﾞ ﾌｼﾞｮ',
      birthdate: '19750505',
      publicExpenseNumber: '12130019',
      beneficiaryNumber: '1234566',
    }),
  },
  {
    id: 'p13',
    label: '複数該当（双子・姉）',
    validity: 1,
    person: person(KOKUHO, {
      symbol: '見本',
      number: '77001',
      branch: '01',
      personalFamily: '2',
      name: '見本　双葉',
      nameKana: 'ﾐﾎﾝ ﾌﾀﾊﾞ',
      sex: '2',
      birthdate: '20100606',
    }),
  },
  {
    id: 'p14',
    label: '複数該当（双子・妹）',
    validity: 1,
    person: person(KOKUHO, {
      symbol: '見本',
      number: '77001',
      branch: '02',
      personalFamily: '2',
      name: '見本　若葉',
      nameKana: 'ﾐﾎﾝ ﾜｶﾊﾞ',
      sex: '2',
      birthdate: '20100606',
    }),
  },
  {
    id: 'p15',
    label: '処理中の応答',
    validity: 1,
    answer: { kind: 'processing' },
    person: person(KYOKAI, {
      symbol: '見本７８',
      number: '7002',
      branch: '00',
      name: '試験　待機',
      birthdate: '19910101',
    }),
  },
  {
    id: 'p16',
    label: 'エラー応答（受付エラー）',
    validity: 1,
    answer: { kind: 'error', errorCode: '4151', errorMessage: '被保険者番号に誤りがあります。' },
    person: person(KOKI, {
      number: '99999997',
      name: '仮名　誤番',
      birthdate: '19450404',
      ratio: 1,
    }),
  },
  {
    id: 'p17',
    label: '保険証利用登録なし（カード）',
    registered: false,
    validity: 1,
    person: person(KYOKAI, {
      symbol: '見本９０',
      number: '9012',
      branch: '00',
      name: '試験　未登',
      nameKana: 'ｼｹﾝ ﾐﾄｳ',
      birthdate: '19870707',
    }),
  },
  {
    id: 'p18',
    label: '保険証利用登録なし・後期高齢者（カード）',
    registered: false,
    validity: 1,
    person: person(KOKI, {
      number: '42345672',
      name: '仮名　新登',
      nameKana: 'ｶﾒｲ ｼﾝﾄｳ',
      birthdate: '19440202',
      ratio: 1,
      limit: limit('B05', '02'),
    }),
  },
];

/**
 * One person per remaining 限度額 class so that every A/B code appears (§6): A-codes under 70 (no
 * ratio element), B02/B03 at 70–74 (3割 in the 高齢受給者証), B06–B08 後期高齢者 (1割 as the ratio).
 */
const limitSeries: [string, '01' | '02' | '03', 'young' | 'elderly' | 'koki'][] = [
  ['A01', '01', 'young'],
  ['A02', '01', 'young'],
  ['A04', '01', 'young'],
  ['A05', '02', 'young'],
  ['A06', '02', 'young'],
  ['B02', '01', 'elderly'],
  ['B03', '01', 'elderly'],
  ['B06', '02', 'koki'],
  ['B07', '02', 'koki'],
  ['B08', '03', 'koki'],
];

const limitPeople: SimulatedPerson[] = limitSeries.map(([code, classification, age], index) => {
  const n = index + 1;
  const base = age === 'koki' ? KOKI : KYOKAI;
  return {
    id: `p${19 + index}`,
    label: `限度額 ${limitClassLabel(code)}（${code}）`,
    validity: 1,
    person: person(base, {
      symbol: age === 'koki' ? undefined : '限度',
      number: age === 'koki' ? `5${String(n).padStart(7, '0')}` : String(8000 + n),
      branch: age === 'koki' ? undefined : '00',
      name: `限度\u3000${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][index] ?? ''}号`,
      nameKana: `ｹﾞﾝﾄﾞ ${n}ｺﾞｳ`,
      sex: n % 2 === 0 ? '2' : '1',
      birthdate:
        age === 'young'
          ? `1970${String(n).padStart(2, '0')}15`
          : age === 'elderly'
            ? `19530${n % 9 || 1}20`
            : `19400${n % 9 || 1}10`,
      ratio: age === 'koki' ? 1 : undefined,
      elderly: age === 'elderly' ? elderly('030') : undefined,
      limit: limit(code, classification),
    }),
  };
});

/**
 * Shapes added after the 限度額 series (their card serials follow on): 医療扶助 with the 公費 numbers in
 * InsurerNumber / InsuredIdentificationNumber and a 医療券 (YUKI-ENT/OQSDrug2's layout, §2.4), and two
 * children either side of the school-entry boundary. A child born on 1 April reaches 6 on 31 March
 * (年齢計算ニ関スル法律) and so starts school a year before one born on 2 April.
 */
const laterShapes: SimulatedPerson[] = [
  {
    id: 'p29',
    label: '有効・医療扶助（公費の番号は保険者番号の欄・医療券あり）',
    validity: 1,
    person: person(MEDICAL_AID_IN_INSURER, {
      number: '2345676',
      name: '模擬　保護',
      nameKana: 'ﾓｷﾞ ﾎｺﾞ',
      sex: '2',
      birthdate: '19620909',
      qualificationDate: '20240401',
      publicExpenseNumber: MEDICAL_AID_IN_INSURER.insurerNumber,
      beneficiaryNumber: '2345676',
      medicalTickets: [
        {
          TicketType: '1',
          MedicalTicketValidDate: '20261101',
          MedicalTicketExpirationDate: '20261130',
          IssueNumber: '0001234',
          MedicalTreatmentMonth: '202611',
          SelfPayAmount: '0',
        },
      ],
    }),
  },
  {
    id: 'p30',
    label: '有効・4月1日生まれの就学児（割合の記載なし）',
    validity: 1,
    person: person(KUMIAI, {
      symbol: '101',
      number: '2208',
      branch: '03',
      personalFamily: '2',
      insuredName: '見本　一郎',
      name: '見本　春',
      nameKana: 'ﾐﾎﾝ ﾊﾙ',
      sex: '2',
      birthdate: '20200401',
      qualificationDate: '20200401',
    }),
  },
  {
    id: 'p31',
    label: '有効・4月2日生まれの未就学児（割合の記載なし）',
    validity: 1,
    person: person(KYOKAI, {
      symbol: '見本５６',
      number: '7710',
      branch: '02',
      personalFamily: '2',
      insuredName: '架空　誠',
      name: '架空　夏',
      nameKana: 'ｶｸｳ ﾅﾂ',
      sex: '2',
      birthdate: '20200402',
      qualificationDate: '20200402',
      preschool: '1',
    }),
  },
];

function withoutUndefined(p: InsuredPerson): InsuredPerson {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as InsuredPerson;
}

/** Every simulated person; each holds a virtual card numbered from 5001 upwards (hex). */
export const simulatedPeople: readonly SimulatedPerson[] = [...core, ...limitPeople, ...laterShapes].map(
  (entry, index) => ({
    ...entry,
    person: withoutUndefined(entry.person),
    certificateSerial: (0x5001 + index).toString(16),
  }),
);

/** The cards a simulator panel can present: "the card of person X". */
export const simulatedCardHolders: { serialHex: string; personId: string; label: string }[] =
  simulatedPeople.map((p) => ({
    serialHex: p.certificateSerial ?? '',
    personId: p.id,
    label: `${p.person.name}（${p.label}）`,
  }));
