-- AlterTable
-- The explanation without its "criteria" list, plus "failingCriteria" (the criteria and groups not met,
-- in the explanation's order): what reports and drill-downs show, a tenth of the size. A generated
-- column, so PostgreSQL keeps it in step with "explanation" on every insert and update (Prisma, raw
-- SQL and COPY alike). The rule is @antt/criteria's `summarizeEvaluation`; the seed's tests compare
-- the two. schema.prisma declares it `@default(dbgenerated())` so that diffs leave it alone.
ALTER TABLE "Assessment" ADD COLUMN     "explanationSummary" JSONB
  GENERATED ALWAYS AS (
    CASE WHEN jsonb_typeof("explanation") = 'object' THEN
      jsonb_set("explanation" - 'criteria', '{failingCriteria}',
                jsonb_path_query_array("explanation", '$.criteria[*] ? (@.status == "notMet")'))
    END
  ) STORED;
