ALTER TABLE "directory_service_at_locations" ADD COLUMN "earth" "cube";--> statement-breakpoint
CREATE INDEX "directory_service_at_locations_earth_idx" ON "directory_service_at_locations" USING gist ("earth") WHERE "directory_service_at_locations"."earth" is not null;--> statement-breakpoint
-- Triggers keep directory_service_at_locations.earth equal to its location's point, whoever writes the rows
-- (staff pages, the ORUK importer, the seed), so distance search needs no join to locations.
CREATE OR REPLACE FUNCTION directory_sal_set_earth() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.earth := (
    SELECT CASE WHEN l.latitude IS NULL OR l.longitude IS NULL THEN NULL ELSE ll_to_earth(l.latitude, l.longitude) END
    FROM directory_locations l WHERE l.area_id = NEW.area_id AND l.id = NEW.location_id
  );
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER directory_sal_set_earth BEFORE INSERT OR UPDATE OF location_id, area_id ON directory_service_at_locations
  FOR EACH ROW EXECUTE FUNCTION directory_sal_set_earth();--> statement-breakpoint
CREATE OR REPLACE FUNCTION directory_location_sync_earth() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.latitude IS NOT DISTINCT FROM NEW.latitude AND OLD.longitude IS NOT DISTINCT FROM NEW.longitude THEN
    RETURN NULL;
  END IF;
  UPDATE directory_service_at_locations
    SET earth = CASE WHEN NEW.latitude IS NULL OR NEW.longitude IS NULL THEN NULL ELSE ll_to_earth(NEW.latitude, NEW.longitude) END
    WHERE area_id = NEW.area_id AND location_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER directory_location_sync_earth AFTER INSERT OR UPDATE OF latitude, longitude ON directory_locations
  FOR EACH ROW EXECUTE FUNCTION directory_location_sync_earth();--> statement-breakpoint
UPDATE directory_service_at_locations sal SET earth = ll_to_earth(l.latitude, l.longitude)
  FROM directory_locations l
  WHERE l.area_id = sal.area_id AND l.id = sal.location_id AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL;
