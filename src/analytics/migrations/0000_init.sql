CREATE TABLE "analytics_drift_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"message" text NOT NULL,
	"model_name" text,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_drift_references" (
	"id" text PRIMARY KEY NOT NULL,
	"model_name" text DEFAULT '' NOT NULL,
	"data" jsonb NOT NULL,
	"predictions" jsonb,
	"row_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_drift_results" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"model_name" text,
	"drift_detected" boolean NOT NULL,
	"drift_score" real NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"target" text NOT NULL,
	"subject" text NOT NULL,
	"ok" boolean NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_model_performance" (
	"id" text PRIMARY KEY NOT NULL,
	"model_name" text NOT NULL,
	"version" text NOT NULL,
	"accuracy" real NOT NULL,
	"precision" real NOT NULL,
	"recall" real NOT NULL,
	"f1_score" real NOT NULL,
	"inference_time_ms" real NOT NULL,
	"test_data_size" integer NOT NULL,
	"measured_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_promotions" (
	"id" text PRIMARY KEY NOT NULL,
	"model_name" text NOT NULL,
	"version" text NOT NULL,
	"action" text NOT NULL,
	"passed" boolean NOT NULL,
	"promoted" boolean NOT NULL,
	"forced" boolean NOT NULL,
	"evaluation" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_red_team_results" (
	"id" text PRIMARY KEY NOT NULL,
	"test_id" text NOT NULL,
	"model_name" text NOT NULL,
	"test_type" text NOT NULL,
	"attack_success" boolean NOT NULL,
	"confidence_score" real NOT NULL,
	"attack_details" jsonb NOT NULL,
	"tested_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_retrain_events" (
	"id" text PRIMARY KEY NOT NULL,
	"model_name" text NOT NULL,
	"trigger" text NOT NULL,
	"drift_score" real NOT NULL,
	"threshold" real NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"priority" text,
	"job_id" text,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_alert_time_idx" ON "analytics_drift_alerts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "analytics_ref_model_idx" ON "analytics_drift_references" USING btree ("model_name","created_at");--> statement-breakpoint
CREATE INDEX "analytics_drift_time_idx" ON "analytics_drift_results" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "analytics_perf_model_time_idx" ON "analytics_model_performance" USING btree ("model_name","measured_at");--> statement-breakpoint
CREATE INDEX "analytics_promo_model_idx" ON "analytics_promotions" USING btree ("model_name","created_at");--> statement-breakpoint
CREATE INDEX "analytics_rt_time_idx" ON "analytics_red_team_results" USING btree ("tested_at");--> statement-breakpoint
CREATE INDEX "analytics_rt_model_idx" ON "analytics_red_team_results" USING btree ("model_name");--> statement-breakpoint
CREATE INDEX "analytics_retrain_model_idx" ON "analytics_retrain_events" USING btree ("model_name","created_at");