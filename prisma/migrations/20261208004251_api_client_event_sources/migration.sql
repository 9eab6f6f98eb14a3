-- AlterTable
ALTER TABLE "ApiClient" ADD COLUMN     "eventSources" TEXT[] DEFAULT ARRAY[]::TEXT[];
