import { NotFoundMessage } from "@/components/site/not-found-message";

export default function NotFound() {
  return (
    <div className="py-6">
      <NotFoundMessage />
    </div>
  );
}
