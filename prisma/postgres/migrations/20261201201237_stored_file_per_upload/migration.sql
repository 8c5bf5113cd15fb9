-- DropIndex
DROP INDEX "StoredFile_backend_storageKey_key";

-- CreateIndex
CREATE INDEX "StoredFile_backend_storageKey_idx" ON "StoredFile"("backend", "storageKey");

