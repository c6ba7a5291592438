-- AlterEnum
ALTER TYPE "ApiRole" ADD VALUE 'OPS';
