ALTER TABLE "training_model_versions" ADD COLUMN "shipped_version" text;--> statement-breakpoint
ALTER TABLE "training_model_versions" ADD COLUMN "shipped_sha256" text;--> statement-breakpoint
-- Before these columns, seq 0 was reserved for the shipped defaults, and every one of them was
-- a shipped 1.0.0. Their file hash is unknown here (null): the next start registers the
-- shipped file once more, and it may take Production from them.
UPDATE "training_model_versions" SET "shipped_version" = '1.0.0' WHERE "seq" = 0;
