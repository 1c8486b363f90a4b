CREATE TABLE "redteam_campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"categories" jsonb NOT NULL,
	"strategies" jsonb NOT NULL,
	"count" integer NOT NULL,
	"seed" integer NOT NULL,
	"target" text NOT NULL,
	"target_config" jsonb NOT NULL,
	"job_id" text,
	"schedule_id" text,
	"progress" real DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"error" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "redteam_results" (
	"campaign_id" text NOT NULL,
	"idx" integer NOT NULL,
	"attack_id" text NOT NULL,
	"category" text NOT NULL,
	"technique" text NOT NULL,
	"strategy" text NOT NULL,
	"goal" text NOT NULL,
	"text" text NOT NULL,
	"detected" boolean NOT NULL,
	"success" boolean NOT NULL,
	"score" real,
	"label" text,
	"basis" text,
	"response" text,
	"error" text,
	"latency_ms" real
);
--> statement-breakpoint
CREATE TABLE "redteam_schedules" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"request" jsonb NOT NULL,
	"interval_seconds" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"runs" integer DEFAULT 0 NOT NULL,
	"last_run_at" timestamp with time zone,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_campaign_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "redteam_campaigns_created_idx" ON "redteam_campaigns" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "redteam_campaigns_schedule_idx" ON "redteam_campaigns" USING btree ("schedule_id");--> statement-breakpoint
CREATE INDEX "redteam_results_campaign_idx" ON "redteam_results" USING btree ("campaign_id","idx");