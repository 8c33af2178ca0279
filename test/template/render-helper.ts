import {
  TemplateError,
  renderTemplate,
  templateValueFromYaml,
  type RenderOptions,
} from "../../src/template/index.js";

/** Renders with YAML data under the name "t" (as the Go oracle names its templates). */
export function render(template: string, yamlData = "{}", options: RenderOptions = {}): string {
  return renderTemplate(template, templateValueFromYaml(yamlData), { name: "t", ...options });
}

/** The TemplateError a render throws (fails the test if it renders). */
export function renderError(
  template: string,
  yamlData = "{}",
  options: RenderOptions = {},
): TemplateError {
  try {
    render(template, yamlData, options);
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error(`expected an error from ${template}`);
}
