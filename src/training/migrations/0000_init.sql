CREATE TABLE "training_dataset_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"dataset_id" text NOT NULL,
	"version" integer NOT NULL,
	"parent_id" text,
	"content_hash" text NOT NULL,
	"artifact_key" text NOT NULL,
	"artifact_sha256" text NOT NULL,
	"stats" jsonb NOT NULL,
	"source" text,
	"description" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_datasets" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_model_aliases" (
	"model_name" text NOT NULL,
	"alias" text NOT NULL,
	"version" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_model_aliases_model_name_alias_pk" PRIMARY KEY("model_name","alias")
);
--> statement-breakpoint
CREATE TABLE "training_model_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"model_name" text NOT NULL,
	"version" text NOT NULL,
	"seq" integer NOT NULL,
	"stage" text NOT NULL,
	"run_id" text,
	"kind" text NOT NULL,
	"artifact_key" text NOT NULL,
	"artifact_sha256" text NOT NULL,
	"artifact_bytes" integer NOT NULL,
	"metrics" jsonb NOT NULL,
	"auc" real,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_models" (
	"name" text PRIMARY KEY NOT NULL,
	"trainer" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"job_id" text NOT NULL,
	"model_name" text NOT NULL,
	"trainer" text NOT NULL,
	"params" jsonb NOT NULL,
	"split" jsonb NOT NULL,
	"dataset_version_id" text NOT NULL,
	"status" text NOT NULL,
	"epochs" jsonb NOT NULL,
	"metrics" jsonb,
	"model_version" text,
	"code_version" text,
	"reason" text,
	"trigger" text,
	"error" text,
	"duration_ms" integer,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "training_stage_transitions" (
	"id" text PRIMARY KEY NOT NULL,
	"model_name" text NOT NULL,
	"version" text NOT NULL,
	"kind" text NOT NULL,
	"from_value" text,
	"to_value" text NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "training_dsv_dataset_version_idx" ON "training_dataset_versions" USING btree ("dataset_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "training_datasets_name_idx" ON "training_datasets" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "training_mv_name_version_idx" ON "training_model_versions" USING btree ("model_name","version");--> statement-breakpoint
CREATE UNIQUE INDEX "training_mv_name_seq_idx" ON "training_model_versions" USING btree ("model_name","seq");--> statement-breakpoint
CREATE INDEX "training_runs_model_idx" ON "training_runs" USING btree ("model_name","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "training_runs_job_idx" ON "training_runs" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "training_transitions_model_idx" ON "training_stage_transitions" USING btree ("model_name","at");