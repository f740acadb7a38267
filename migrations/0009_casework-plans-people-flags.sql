CREATE TABLE "casework_allocations" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"from_user_id" uuid,
	"to_user_id" uuid NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"allocated_by_user_id" uuid,
	"allocated_by_name" text NOT NULL,
	"allocated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "casework_allocations_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "casework_conversations" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"submission_key" text NOT NULL,
	"held_on" date NOT NULL,
	"what_matters" text NOT NULL,
	"strengths" text DEFAULT '' NOT NULL,
	"interests" text DEFAULT '' NOT NULL,
	"what_gets_in_the_way" text DEFAULT '' NOT NULL,
	"needs_confirmed" text[] DEFAULT '{}'::text[] NOT NULL,
	"needs_added" text[] DEFAULT '{}'::text[] NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "casework_conversations_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "casework_escalations" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"submission_key" text NOT NULL,
	"kind" text NOT NULL,
	"to_whom" text NOT NULL,
	"reason" text NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"raised_on" date NOT NULL,
	"raised_by_user_id" uuid,
	"raised_by_name" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"outcome_text" text DEFAULT '' NOT NULL,
	"outcome_on" date,
	"outcome_recorded_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "casework_escalations_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "casework_link_workers" (
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"annual_capacity" integer,
	"leaflet_name" text DEFAULT '' NOT NULL,
	"work_phone" text DEFAULT '' NOT NULL,
	"work_email" text DEFAULT '' NOT NULL,
	"availability" text DEFAULT '' NOT NULL,
	"photo" "bytea",
	"photo_content_type" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "casework_link_workers_organisation_id_user_id_pk" PRIMARY KEY("organisation_id","user_id"),
	CONSTRAINT "casework_link_workers_capacity_check" CHECK ("casework_link_workers"."annual_capacity" is null or "casework_link_workers"."annual_capacity" between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "casework_reminders" (
	"organisation_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "casework_reminders_organisation_id_episode_id_kind_due_on_pk" PRIMARY KEY("organisation_id","episode_id","kind","due_on")
);
--> statement-breakpoint
CREATE TABLE "casework_settings" (
	"organisation_id" uuid NOT NULL,
	"default_contact_allowance" integer NOT NULL,
	"default_annual_capacity" integer NOT NULL,
	"follow_up_after_weeks" integer NOT NULL,
	"no_contact_alert_weeks" integer NOT NULL,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "casework_settings_organisation_id_pk" PRIMARY KEY("organisation_id")
);
--> statement-breakpoint
CREATE TABLE "person_flags" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"source_key" text,
	"raised_by_user_id" uuid,
	"raised_by_name" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by_name" text,
	"ended_reason" text,
	CONSTRAINT "person_flags_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "person_merges" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kept_person_id" uuid NOT NULL,
	"merged_person_id" uuid NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"merged_by_user_id" uuid,
	"merged_by_name" text NOT NULL,
	"merged_at" timestamp with time zone NOT NULL,
	"undone_at" timestamp with time zone,
	"undone_by_name" text,
	CONSTRAINT "person_merges_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_actions" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"goal_key" uuid,
	"position" integer NOT NULL,
	"what" text NOT NULL,
	"who" text NOT NULL,
	"by_when" date,
	"done" boolean DEFAULT false NOT NULL,
	CONSTRAINT "plan_actions_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_goal_progress" (
	"organisation_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"goal_key" uuid NOT NULL,
	"progress" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "plan_goal_progress_organisation_id_review_id_goal_key_pk" PRIMARY KEY("organisation_id","review_id","goal_key"),
	CONSTRAINT "plan_goal_progress_check" CHECK ("plan_goal_progress"."progress" in ('not-started','some-progress','achieved','no-longer-relevant'))
);
--> statement-breakpoint
CREATE TABLE "plan_goals" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"goal_key" uuid NOT NULL,
	"position" integer NOT NULL,
	"in_their_words" text NOT NULL,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"five_ways" text[] DEFAULT '{}'::text[] NOT NULL,
	"barriers" text[] DEFAULT '{}'::text[] NOT NULL,
	"barriers_text" text DEFAULT '' NOT NULL,
	CONSTRAINT "plan_goals_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"submission_key" text NOT NULL,
	"status" text NOT NULL,
	"review_on" date,
	"next_steps" text DEFAULT '' NOT NULL,
	"agreed_on" date,
	"agreement_method" text,
	"agreement_note" text DEFAULT '' NOT NULL,
	"created_by_user_id" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plans_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "plans_status_check" CHECK ("plans"."status" in ('draft','agreed','superseded'))
);
--> statement-breakpoint
CREATE TABLE "plan_reviews" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"submission_key" text NOT NULL,
	"reviewed_on" date NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"next_review_on" date,
	"recorded_by_user_id" uuid,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "plan_reviews_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_services" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"goal_key" uuid,
	"position" integer NOT NULL,
	"directory_service_id" uuid,
	"name" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	CONSTRAINT "plan_services_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "casework_episodes" ADD COLUMN "plan_agreed_on" date;--> statement-breakpoint
ALTER TABLE "casework_episodes" ADD COLUMN "follow_up_on" date;--> statement-breakpoint
ALTER TABLE "casework_episodes" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "casework_episodes" ADD COLUMN "close_reason" text;--> statement-breakpoint
ALTER TABLE "casework_episodes" ADD COLUMN "closing_summary" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "merged_into_person_id" uuid;--> statement-breakpoint
ALTER TABLE "casework_allocations" ADD CONSTRAINT "casework_allocations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_allocations" ADD CONSTRAINT "casework_allocations_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_allocations" ADD CONSTRAINT "casework_allocations_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_allocations" ADD CONSTRAINT "casework_allocations_allocated_by_user_id_users_id_fk" FOREIGN KEY ("allocated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_allocations" ADD CONSTRAINT "casework_allocations_episode_fk" FOREIGN KEY ("organisation_id","episode_id") REFERENCES "public"."casework_episodes"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_conversations" ADD CONSTRAINT "casework_conversations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_conversations" ADD CONSTRAINT "casework_conversations_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_conversations" ADD CONSTRAINT "casework_conversations_episode_fk" FOREIGN KEY ("organisation_id","episode_id") REFERENCES "public"."casework_episodes"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_escalations" ADD CONSTRAINT "casework_escalations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_escalations" ADD CONSTRAINT "casework_escalations_raised_by_user_id_users_id_fk" FOREIGN KEY ("raised_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_escalations" ADD CONSTRAINT "casework_escalations_episode_fk" FOREIGN KEY ("organisation_id","episode_id") REFERENCES "public"."casework_episodes"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_link_workers" ADD CONSTRAINT "casework_link_workers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_link_workers" ADD CONSTRAINT "casework_link_workers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_reminders" ADD CONSTRAINT "casework_reminders_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casework_settings" ADD CONSTRAINT "casework_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_flags" ADD CONSTRAINT "person_flags_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_flags" ADD CONSTRAINT "person_flags_person_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_merges" ADD CONSTRAINT "person_merges_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_plan_fk" FOREIGN KEY ("organisation_id","plan_id") REFERENCES "public"."plans"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goal_progress" ADD CONSTRAINT "plan_goal_progress_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goal_progress" ADD CONSTRAINT "plan_goal_progress_review_fk" FOREIGN KEY ("organisation_id","review_id") REFERENCES "public"."plan_reviews"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_plan_fk" FOREIGN KEY ("organisation_id","plan_id") REFERENCES "public"."plans"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reviews" ADD CONSTRAINT "plan_reviews_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reviews" ADD CONSTRAINT "plan_reviews_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reviews" ADD CONSTRAINT "plan_reviews_plan_fk" FOREIGN KEY ("organisation_id","plan_id") REFERENCES "public"."plans"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_services" ADD CONSTRAINT "plan_services_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_services" ADD CONSTRAINT "plan_services_plan_fk" FOREIGN KEY ("organisation_id","plan_id") REFERENCES "public"."plans"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "casework_allocations_episode_idx" ON "casework_allocations" USING btree ("organisation_id","episode_id","allocated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "casework_conversations_submission_key" ON "casework_conversations" USING btree ("organisation_id","submission_key");--> statement-breakpoint
CREATE INDEX "casework_conversations_episode_idx" ON "casework_conversations" USING btree ("organisation_id","episode_id","recorded_at");--> statement-breakpoint
CREATE INDEX "casework_conversations_person_idx" ON "casework_conversations" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "casework_escalations_submission_key" ON "casework_escalations" USING btree ("organisation_id","submission_key");--> statement-breakpoint
CREATE INDEX "casework_escalations_episode_idx" ON "casework_escalations" USING btree ("organisation_id","episode_id","raised_on");--> statement-breakpoint
CREATE INDEX "person_flags_person_idx" ON "person_flags" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "person_flags_source_key" ON "person_flags" USING btree ("organisation_id","person_id","source_key");--> statement-breakpoint
CREATE INDEX "person_merges_kept_idx" ON "person_merges" USING btree ("organisation_id","kept_person_id");--> statement-breakpoint
CREATE INDEX "person_merges_merged_idx" ON "person_merges" USING btree ("organisation_id","merged_person_id");--> statement-breakpoint
CREATE INDEX "plan_actions_plan_idx" ON "plan_actions" USING btree ("organisation_id","plan_id","position");--> statement-breakpoint
CREATE INDEX "plan_goal_progress_goal_idx" ON "plan_goal_progress" USING btree ("organisation_id","goal_key");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_goals_position_key" ON "plan_goals" USING btree ("organisation_id","plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_episode_version_key" ON "plans" USING btree ("organisation_id","episode_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_submission_key" ON "plans" USING btree ("organisation_id","submission_key");--> statement-breakpoint
CREATE INDEX "plans_person_idx" ON "plans" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_reviews_submission_key" ON "plan_reviews" USING btree ("organisation_id","submission_key");--> statement-breakpoint
CREATE INDEX "plan_reviews_episode_idx" ON "plan_reviews" USING btree ("organisation_id","episode_id","reviewed_on");--> statement-breakpoint
CREATE INDEX "plan_services_plan_idx" ON "plan_services" USING btree ("organisation_id","plan_id","position");--> statement-breakpoint
CREATE INDEX "casework_episodes_person_idx" ON "casework_episodes" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "people_merged_into_idx" ON "people" USING btree ("organisation_id","merged_into_person_id") WHERE "people"."merged_into_person_id" is not null;