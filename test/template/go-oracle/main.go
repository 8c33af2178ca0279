// Command oracle renders Go text/template cases with the real Go engine, Sprig and Helm's extra
// functions, so stackyard's TypeScript engine can be checked against it (the conformance suite
// in test/template/conformance).
//
// It reads a JSON array of cases on stdin, [{id, template, data, missingKey?}] where data is YAML
// text, and writes a JSON array of results, [{id, ok, output?, error?, errorKind?}], in the same
// order. errorKind is "parse" (template.Parse failed), "exec" (Execute failed) or "data" (the
// case's YAML data is invalid, a bug in the case itself).
//
// Build (GOPATH mode, Debian's packaged sources; see scripts/install-go-oracle-deps.sh):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o oracle .
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/template"

	sprig "github.com/Masterminds/sprig" // Debian's v3.2.3, at its GOPATH path
	yaml "gopkg.in/yaml.v2"
)

// templateName is the name every case is parsed under; it appears in Go's error messages, so the
// TypeScript side must render with the same name.
const templateName = "t"

// recursionMaxNums is Helm's limit on nested include of one name.
const recursionMaxNums = 1000

type inputCase struct {
	ID         string `json:"id"`
	Template   string `json:"template"`
	Data       string `json:"data"`
	MissingKey string `json:"missingKey,omitempty"`
}

type result struct {
	ID        string  `json:"id"`
	OK        bool    `json:"ok"`
	Output    *string `json:"output,omitempty"`
	Error     string  `json:"error,omitempty"`
	ErrorKind string  `json:"errorKind,omitempty"`
}

// refusedFunctions are Sprig functions whose result depends on the clock, randomness, the
// environment or the network. stackyard's output must be byte-stable and sandboxed, so they
// exist (templates using them parse) but fail when called, with a message naming the function.
var refusedFunctions = []string{
	"env", "expandenv", "getHostByName",
	"now", "ago", "date", "dateInZone", "date_in_zone", "dateModify", "date_modify",
	"mustDateModify", "must_date_modify", "htmlDate", "htmlDateInZone", "toDate", "mustToDate",
	"unixEpoch", "duration", "durationRound",
	"randAlpha", "randAlphaNum", "randAscii", "randNumeric", "randBytes", "randInt", "shuffle",
	"uuidv4",
	"genCA", "genCAWithKey", "genPrivateKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
	"genSignedCert", "genSignedCertWithKey", "buildCustomCert",
	"encryptAES", "decryptAES", "bcrypt", "htpasswd", "derivePassword",
}

func main() {
	raw, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err)
	}
	var cases []inputCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		fail(fmt.Errorf("stdin is not a JSON array of cases: %w", err))
	}
	results := make([]result, 0, len(cases))
	for _, c := range cases {
		results = append(results, run(c))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(results); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "oracle:", err)
	os.Exit(2)
}

// run renders one case; a panic anywhere is reported as that case's exec error, never a crash
// of the whole batch.
func run(c inputCase) (res result) {
	res.ID = c.ID
	defer func() {
		if r := recover(); r != nil {
			res = result{ID: c.ID, ErrorKind: "exec", Error: fmt.Sprintf("panic: %v", r)}
		}
	}()
	data, err := decodeData(c.Data)
	if err != nil {
		return result{ID: c.ID, ErrorKind: "data", Error: err.Error()}
	}
	missingKey := c.MissingKey
	if missingKey == "" {
		missingKey = "default"
	}
	t := template.New(templateName).Option("missingkey=" + missingKey)
	t.Funcs(funcMap(t, missingKey))
	if _, err := t.Parse(c.Template); err != nil {
		return result{ID: c.ID, ErrorKind: "parse", Error: err.Error()}
	}
	var out strings.Builder
	if err := t.Execute(&out, data); err != nil {
		partial := out.String()
		return result{ID: c.ID, ErrorKind: "exec", Error: err.Error(), Output: &partial}
	}
	rendered := out.String()
	return result{ID: c.ID, OK: true, Output: &rendered}
}

// decodeData reads a case's data the way stackyard reads values: yaml.v2 into interface{}
// (ints stay int, floats float64), then every map[interface{}]interface{} becomes
// map[string]interface{} so Sprig's dict functions and toJson accept it.
func decodeData(text string) (interface{}, error) {
	var v interface{}
	if err := yaml.Unmarshal([]byte(text), &v); err != nil {
		return nil, err
	}
	return normalize(v), nil
}

func normalize(v interface{}) interface{} {
	switch x := v.(type) {
	case map[interface{}]interface{}:
		m := make(map[string]interface{}, len(x))
		for k, val := range x {
			m[fmt.Sprint(k)] = normalize(val)
		}
		return m
	case map[string]interface{}:
		for k, val := range x {
			x[k] = normalize(val)
		}
		return x
	case []interface{}:
		for i, val := range x {
			x[i] = normalize(val)
		}
		return x
	default:
		return v
	}
}

// funcMap is Sprig's text function map, minus the refused functions, plus Helm's and DataOS's
// additions. include and tpl close over t, as in Helm.
func funcMap(t *template.Template, missingKey string) template.FuncMap {
	f := sprig.TxtFuncMap()
	for _, name := range refusedFunctions {
		f[name] = refused(name)
	}
	f["toYaml"] = toYaml
	f["fromYaml"] = fromYaml
	f["required"] = required
	f["getNested"] = getNested
	f["hasNested"] = hasNested
	f["getMapValue"] = getMapValue
	includedNames := map[string]int{}
	f["include"] = includeFunc(t, includedNames)
	f["tpl"] = tplFunc(t, includedNames, missingKey)
	return f
}

func refused(name string) func(...interface{}) (interface{}, error) {
	return func(...interface{}) (interface{}, error) {
		return nil, fmt.Errorf("function %q is refused: stackyard templates must be deterministic and sandboxed", name)
	}
}

// toYaml is Helm's: marshal errors give "", and the final newline is dropped.
func toYaml(v interface{}) string {
	data, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(data), "\n")
}

// fromYaml is Helm's: a mapping, with the parse error under "Error". Nested mappings are
// normalised like case data so the result works with Sprig's dict functions.
func fromYaml(str string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := yaml.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return normalize(m).(map[string]interface{})
}

// required is Helm's: nil and "" fail with the given message, anything else passes through.
func required(warn string, val interface{}) (interface{}, error) {
	if val == nil {
		return val, errors.New(warn)
	} else if _, ok := val.(string); ok {
		if val == "" {
			return val, errors.New(warn)
		}
	}
	return val, nil
}

// lookupNested walks a dotted path ("driver.coreLimit") through string-keyed maps.
func lookupNested(m map[string]interface{}, path string) (interface{}, bool) {
	var cur interface{} = m
	for _, key := range strings.Split(path, ".") {
		mm, ok := cur.(map[string]interface{})
		if !ok {
			return nil, false
		}
		cur, ok = mm[key]
		if !ok {
			return nil, false
		}
	}
	return cur, true
}

// getNested is DataOS's dotted-path lookup; nil when any step is absent.
func getNested(m map[string]interface{}, path string) interface{} {
	v, _ := lookupNested(m, path)
	return v
}

// hasNested reports whether every step of the dotted path exists.
func hasNested(m map[string]interface{}, path string) bool {
	_, ok := lookupNested(m, path)
	return ok
}

// getMapValue is DataOS's plain map lookup; nil when the key is absent.
func getMapValue(m map[string]interface{}, key string) interface{} {
	return m[key]
}

// includeFunc is Helm's include: render a named template into a string, refusing runaway
// recursion of one name.
func includeFunc(t *template.Template, includedNames map[string]int) func(string, interface{}) (string, error) {
	return func(name string, data interface{}) (string, error) {
		var buf strings.Builder
		if v, ok := includedNames[name]; ok {
			if v > recursionMaxNums {
				return "", fmt.Errorf("rendering template has a nested reference name: %s: unable to execute template", name)
			}
			includedNames[name]++
		} else {
			includedNames[name] = 1
		}
		err := t.ExecuteTemplate(&buf, name, data)
		includedNames[name]--
		return buf.String(), err
	}
}

// tplFunc is Helm's tpl: parse the string as a template in a clone of the current set (so it
// sees and may add defines), execute it with the given data, and drop "<no value>".
func tplFunc(parent *template.Template, includedNames map[string]int, missingKey string) func(string, interface{}) (string, error) {
	return func(text string, vals interface{}) (string, error) {
		t, err := parent.Clone()
		if err != nil {
			return "", fmt.Errorf("cannot clone template: %w", err)
		}
		// Option is not carried by Clone (golang/go#43022); Helm re-applies it too.
		t.Option("missingkey=" + missingKey)
		t.Funcs(template.FuncMap{
			"include": includeFunc(t, includedNames),
			"tpl":     tplFunc(t, includedNames, missingKey),
		})
		t, err = t.New(parent.Name()).Parse(text)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", text, err)
		}
		var buf strings.Builder
		if err := t.Execute(&buf, vals); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %w", text, err)
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
}
