/** Said instead of an error when this server has no endpoint for a section yet. */
export function NotAvailableNotice({ feature }: { feature: string }) {
  return (
    <div className="notice notice--info" role="status">
      <p className="notice__title">Not available yet</p>
      <p>
        {feature} is not available on this server yet. It appears here as soon as the server supports it;
        nothing is lost in the meantime.
      </p>
    </div>
  );
}
