import { describe, expect, it } from "vitest";
import { sqlProblems, splitSql } from "./sql-check.js";

describe("the SQL checker", () => {
  it("accepts the statements the stacks emit", () => {
    const sql = [
      "-- input",
      "CREATE OR REPLACE TEMPORARY VIEW `a` USING csv OPTIONS ('path' 's3a://b/c;d', 'sep' '\\'');",
      "CREATE OR REPLACE TABLE `x`.`y`.`z` USING iceberg PARTITIONED BY (days(`t`)) AS SELECT * FROM `a`;",
      "MERGE INTO t AS old USING (SELECT * FROM a) AS new ON old.id = new.id WHEN matched then update set *;",
    ].join("\n");
    expect(sqlProblems(sql)).toEqual([]);
    expect(splitSql(sql).statements).toHaveLength(3);
  });

  it.each([
    ["a missing terminator", "CREATE NAMESPACE IF NOT EXISTS a.b", /no ';'/],
    ["an open quote", "CALL x.system.f('a);", /unterminated ' quote/],
    ["unbalanced parentheses", "CALL x.system.f((1);", /unbalanced/],
    [
      "a clause out of order",
      "CREATE OR REPLACE TABLE t AS SELECT 1 USING iceberg;",
      /expected AS SELECT/,
    ],
    ["an unknown statement", "DROP TABLE t;", /unexpected statement/],
  ])("reports %s", (_name, sql, problem) => {
    expect(sqlProblems(sql).join("\n")).toMatch(problem);
  });
});
