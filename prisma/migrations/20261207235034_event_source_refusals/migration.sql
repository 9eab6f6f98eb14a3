-- CreateTable
CREATE TABLE "EventSourceRefusal" (
    "source" TEXT NOT NULL,
    "failureClass" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "EventSourceRefusal_pkey" PRIMARY KEY ("source","failureClass","hour")
);
