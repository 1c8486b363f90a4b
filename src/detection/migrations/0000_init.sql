CREATE TABLE "detection_known_attacks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"text_hash" text NOT NULL,
	"text" text NOT NULL,
	"label" text NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "detection_known_attacks_text_hash_unique" UNIQUE("text_hash")
);
--> statement-breakpoint
CREATE TABLE "detection_predictions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"text_hash" text NOT NULL,
	"text" text,
	"text_chars" real NOT NULL,
	"label" text NOT NULL,
	"is_attack" boolean NOT NULL,
	"attack_score" real NOT NULL,
	"threshold" real NOT NULL,
	"context" text NOT NULL,
	"probabilities" jsonb NOT NULL,
	"model_scores" jsonb NOT NULL,
	"model_versions" jsonb NOT NULL,
	"rule_ids" jsonb NOT NULL,
	"latency_ms" real NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "detection_predictions_created_idx" ON "detection_predictions" USING btree ("created_at");