// The function table covers Sprig v3.2.3's whole function map: each name is implemented or refused.
import { describe, expect, it } from "vitest";
import { REFUSED_FUNCTIONS, TEMPLATE_FUNCTIONS } from "../../src/template/index.js";
import { render } from "./render-helper.js";

/** The keys of sprig.TxtFuncMap() in Masterminds/sprig v3.2.3 (functions.go, genericMap). */
const SPRIG_FUNCTIONS = `abbrev abbrevboth add add1 add1f addf adler32sum ago all any append atoi
b32dec b32enc b64dec b64enc base bcrypt biggest buildCustomCert camelcase cat ceil chunk clean
coalesce compact concat contains date dateInZone dateModify date_in_zone date_modify decryptAES
deepCopy deepEqual default derivePassword dict dig dir div divf duration durationRound empty
encryptAES env expandenv ext fail first float64 floor fromJson genCA genCAWithKey genPrivateKey
genSelfSignedCert genSelfSignedCertWithKey genSignedCert genSignedCertWithKey get getHostByName
has hasKey hasPrefix hasSuffix hello htmlDate htmlDateInZone htpasswd indent initial initials int
int64 isAbs join kebabcase keys kindIs kindOf last list lower max maxf merge mergeOverwrite min
minf mod mul mulf mustAppend mustChunk mustCompact mustDateModify mustDeepCopy mustFirst
mustFromJson mustHas mustInitial mustLast mustMerge mustMergeOverwrite mustPrepend mustPush
mustRegexFind mustRegexFindAll mustRegexMatch mustRegexReplaceAll mustRegexReplaceAllLiteral
mustRegexSplit mustRest mustReverse mustSlice mustToDate mustToJson mustToPrettyJson
mustToRawJson mustUniq mustWithout must_date_modify nindent nospace now omit osBase osClean osDir
osExt osIsAbs pick pluck plural prepend push quote randAlpha randAlphaNum randAscii randBytes
randInt randNumeric regexFind regexFindAll regexMatch regexQuoteMeta regexReplaceAll
regexReplaceAllLiteral regexSplit repeat replace rest reverse round semver semverCompare seq set
sha1sum sha256sum shuffle slice snakecase sortAlpha split splitList splitn squote sub subf substr
swapcase ternary title toDate toDecimal toJson toPrettyJson toRawJson toString toStrings trim
trimAll trimPrefix trimSuffix trimall trunc tuple typeIs typeIsLike typeOf uniq unixEpoch unset
until untilStep untitle upper urlJoin urlParse uuidv4 values without wrap wrapWith`.split(/\s+/);

describe("the function table", () => {
  it("implements or refuses every Sprig function", () => {
    const known = new Set([...TEMPLATE_FUNCTIONS, ...REFUSED_FUNCTIONS]);
    expect(SPRIG_FUNCTIONS.filter((name) => !known.has(name))).toEqual([]);
  });

  it("refuses only functions that read the clock, randomness, the environment or the network", () => {
    expect(REFUSED_FUNCTIONS).toContain("mustDateModify");
    expect(TEMPLATE_FUNCTIONS).not.toContain("mustDateModify");
  });
});

describe("values with methods (semver's *Version)", () => {
  it("calls methods, prints the String() form and compares", () => {
    const t = '{{$v := semver "v1.2.3-rc.1"}}{{$v.Major}} {{$v}} {{$v.LessThan (semver "1.3.0")}}';
    expect(render(t)).toBe("1 1.2.3-rc.1 true");
  });
});

describe("uint64 data", () => {
  it("keeps YAML integers above int64 exact and comparable with ints", () => {
    const data = "{big: 18446744073709551615}";
    expect(render("{{.big}} {{printf `%T` .big}} {{gt .big 1}}", data)).toBe(
      "18446744073709551615 uint64 true",
    );
  });
});
