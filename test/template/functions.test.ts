import { describe, expect, it } from "vitest";
import { REFUSED_FUNCTIONS, TEMPLATE_FUNCTIONS, renderTemplate } from "../../src/template/index.js";
import { render, renderError } from "./render-helper.js";

describe("Go built-ins", () => {
  it("compares with eq over several arguments and Go's kinds", () => {
    expect(
      render(
        '{{eq .a 1 2 3}} {{ne .s "x"}} {{lt 1 2}} {{ge 2.5 2.5}} {{and 1 0 2}} {{or 0 "" .s}} {{not .z}}',
        "{a: 3, s: yy}",
      ),
    ).toBe("true true true true 0 yy true");
  });
  it("indexes, slices and measures", () => {
    expect(
      render(
        '{{index .l 1}} {{index .m "k"}} {{len .l}} {{len "héllo"}} {{slice .l 1}}',
        "{l: [a, b, c], m: {k: v}}",
      ),
    ).toBe("b v 3 6 [b c]");
  });
  it("escapes for html, js and urlquery", () => {
    expect(render(`{{html "<a href='x'>"}} {{js "it's <b>"}} {{urlquery "a b&c"}}`)).toBe(
      "&lt;a href=&#39;x&#39;&gt; it\\'s \\u003Cb\\u003E a+b%26c",
    );
  });
});

describe("Sprig strings and lists", () => {
  it("handles the string family", () => {
    expect(
      render(
        '{{quote "a" 1 nil}} {{squote "b"}} {{upper "x"}} {{title "hello world"}} {{trim "  y "}} {{trimPrefix "a" "abc"}} {{trimSuffix "c" "abc"}} {{trimAll "-" "--z--"}}',
      ),
    ).toBe('"a" "1" \'b\' X Hello World y bc ab z');
    expect(
      render(
        '{{replace "a" "b" "aaa"}} {{contains "b" "abc"}} {{hasPrefix "a" "abc"}} {{repeat 3 "ab"}} {{substr 1 3 "hello"}} {{trunc 2 "hello"}} {{nospace "a b c"}} {{cat "a" 1 nil "b"}}',
      ),
    ).toBe("bbb true true ababab el he abc a 1 b");
    expect(render('{{"a\\nb" | indent 2}}|{{"x" | nindent 4}}')).toBe("  a\n  b|\n    x");
    expect(render('{{split "," "a,b"}} {{splitList "," "a,b"}} {{list "x" "y" | join "-"}}')).toBe(
      "map[_0:a _1:b] [a b] x-y",
    );
  });
  it("handles the list family", () => {
    expect(
      render(
        '{{first .l}} {{last .l}} {{rest .l}} {{initial .l}} {{reverse .l}} {{uniq (list 1 1 2)}} {{has 2 .l}} {{without .l 1}} {{compact (list 0 1 "" 2)}}',
        "l: [1, 2, 3]",
      ),
    ).toBe("1 3 [2 3] [1 2] [3 2 1] [1 2] true [2 3] [1 2]");
    expect(
      render(
        '{{append .l 4}} {{prepend .l 0}} {{concat .l (list 9)}} {{sortAlpha (list "b" "a")}}',
        "l: [1, 2]",
      ),
    ).toBe("[1 2 4] [0 1 2] [1 2 9] [a b]");
  });
});

describe("Sprig dicts, defaults, numbers, encoding, regex, semver", () => {
  it("handles dicts", () => {
    expect(
      render(
        '{{$d := dict "a" 1 "b" 2}}{{get $d "a"}} {{hasKey $d "b"}} {{keys $d | sortAlpha}} {{pick $d "a"}} {{omit $d "a"}} {{$_ := set $d "c" 3}}{{$d.c}} {{dig "x" "y" "dflt" (dict)}}',
      ),
    ).toBe("1 true [a b] map[a:1] map[b:2] 3 dflt");
    expect(render("{{merge .a .b | toJson}}", "{a: {x: 1}, b: {x: 2, w: 3}}")).toBe(
      '{"w":3,"x":1}',
    );
  });
  it("handles defaults and logic", () => {
    expect(
      render(
        '{{default "d" .nope}} {{default "d" 0}} {{empty .l}} {{coalesce 0 "" "c"}} {{ternary "y" "n" true}}',
        "l: []",
      ),
    ).toBe("d d true c y");
    expect(renderError('{{required "need x" .x}}').message).toContain(
      "error calling required: need x",
    );
    expect(renderError('{{fail "stop"}}').message).toContain("error calling fail: stop");
  });
  it("does int64 arithmetic and float rounding", () => {
    expect(
      render(
        "{{add 1 2 3}} {{sub 5 7}} {{mul 2 3}} {{div 7 2}} {{mod 7 2}} {{max 1 5 3}} {{min 4 2}} {{add1 .f}} {{floor 1.5}} {{ceil 1.2}} {{round 2.345 2}}",
        "f: 1.9",
      ),
    ).toBe("6 -2 6 3 1 5 2 2 1 2 2.35");
    expect(
      render(
        '{{until 3}} {{untilStep 0 10 4}} {{seq 3}} {{int "42"}} {{float64 "1.5"}} {{atoi "7"}} {{toString 1.0}}',
      ),
    ).toBe("[0 1 2] [0 4 8] 1 2 3 42 1.5 7 1");
    expect(renderError('{{indent (add 1 1) "x"}}').message).toContain(
      "wrong type for value; expected int; got int64",
    );
  });
  it("encodes", () => {
    expect(
      render(
        '{{toJson .}} {{b64enc "hi"}} {{b64dec "aGk="}} {{sha256sum "a" | trunc 8}}',
        "{b: [1, 2.5], a: '<x>'}",
      ),
    ).toBe('{"a":"\\u003cx\\u003e","b":[1,2.5]} aGk= hi ca978112');
    expect(render("{{toPrettyJson .}}", "a: {b: 1}")).toBe('{\n  "a": {\n    "b": 1\n  }\n}');
    expect(render('{{(fromJson "{\\"a\\": 1}").a | printf "%T"}}')).toBe("float64");
  });
  it("matches RE2 regular expressions and rejects what RE2 lacks", () => {
    expect(
      render(
        '{{regexMatch "^a[0-9]+$" "a12"}} {{regexFind "[0-9]+" "ab123c"}} {{regexFindAll "a." "a1a2a3" 2}} {{regexReplaceAll "(?P<x>b+)" "abbc" "[${x}]"}} {{regexReplaceAllLiteral "b" "abc" "$1"}} {{regexSplit "," "a,b,c" -1}}',
      ),
    ).toBe("true 123 [a1 a2] a[bb]c a$1c [a b c]");
    expect(
      render(
        '{{regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W"}} {{regexReplaceAll "a*" "baaac" "X"}}',
      ),
    ).toBe("-W-xxW- XbXcX");
    expect(renderError('{{regexFind "(a)\\\\1" "aa"}}').message).toContain(
      "invalid escape sequence",
    );
    expect(renderError('{{regexFind "a(?=b)" "ab"}}').message).toContain(
      "invalid or unsupported Perl syntax",
    );
  });
  it("compares semantic versions", () => {
    expect(
      render(
        '{{semverCompare ">=1.2.0" "1.3.0"}} {{semverCompare "^1.2" "2.0.0"}} {{semverCompare "~1.2.3" "1.2.9"}} {{semverCompare "1.x" "1.9.0"}}',
      ),
    ).toBe("true false true true");
  });
});

describe("Helm and DataOS functions", () => {
  it("renders toYaml, fromYaml, include and tpl", () => {
    expect(render("{{toYaml .}}", "{b: [1, 'x y'], a: {c: 'yes', d: ''}, e: {}}")).toBe(
      'a:\n  c: "yes"\n  d: ""\nb:\n- 1\n- x y\ne: {}',
    );
    expect(
      render(
        '{{(fromYaml "a: 1").a}} {{define "n"}}<{{.}}>{{end}}{{include "n" 3 | upper}} {{tpl "{{.x}}!" .}}',
        "x: X",
      ),
    ).toBe("1 <3> X!");
  });
  it("looks up dotted paths", () => {
    expect(
      render(
        '{{getNested . "a.b.c"}} {{hasNested . "a.b"}} {{hasNested . "a.z"}} {{getMapValue .a "b"}}',
        "a: {b: {c: 1}}",
      ),
    ).toBe("1 true false map[c:1]");
  });
  it("calls the caller's resolve and fails without one", () => {
    const out = renderTemplate(
      '{{(resolve "dataos://d:c/s").Depot}}',
      {},
      { funcs: { resolve: (a) => ({ Depot: String(a).slice(9, 10) }) } },
    );
    expect(out).toBe("d");
    expect(renderError('{{resolve "x"}}').message).toContain("resolve is not available");
  });
  it("refuses nondeterministic functions with a clear error", () => {
    for (const name of ["env", "now", "randAlpha", "uuidv4"]) {
      const e = renderError(`{{${name} 1}}`);
      expect(e.kind).toBe("refused");
      expect(e.message).toContain(
        `function "${name}" is refused: stackyard templates must be deterministic and sandboxed`,
      );
    }
    expect(REFUSED_FUNCTIONS).toContain("genPrivateKey");
    expect(TEMPLATE_FUNCTIONS).toContain("toYaml");
    expect(TEMPLATE_FUNCTIONS).not.toContain("env");
  });
});
