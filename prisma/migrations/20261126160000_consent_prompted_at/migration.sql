-- A typed "đồng ý" counts as consent only shortly after the consent screen was shown.
ALTER TABLE "users" ADD COLUMN "consent_prompted_at" TIMESTAMP(3);
