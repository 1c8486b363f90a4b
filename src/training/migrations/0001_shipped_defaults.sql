ALTER TABLE "training_model_versions" ADD COLUMN "shipped_version" text;--> statement-breakpoint
ALTER TABLE "training_model_versions" ADD COLUMN "shipped_sha256" text;--> statement-breakpoint
-- Before this column, seq 0 was reserved for the shipped defaults, and every one of them was
-- the shipped 1.0.0. Their file hash is unknown here; registerShippedModels recognises them
-- by the artifact the registry stored.
UPDATE "training_model_versions" SET "shipped_version" = '1.0.0' WHERE "seq" = 0;
