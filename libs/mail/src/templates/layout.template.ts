/**
 * The frame of every HTML mail: inline styles only (mail clients drop style sheets), one
 * column, the footer with the unsubscribe link for partner mails. `{{{body}}}` is HTML the
 * mail's own template rendered (escaped there).
 */
export const HTML_LAYOUT = `<!DOCTYPE html>
<html lang="{{language}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{subject}}</title></head>
<body style="margin:0;padding:0;background:#f3f3f3;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;line-height:1.5">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f3f3"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:4px">
<tr><td style="background:#0b3d91;color:#ffffff;padding:16px 24px;font-size:18px;font-weight:bold">Alliantie Kinderarmoede · Partnermatch</td></tr>
<tr><td style="padding:24px;font-size:16px">{{{body}}}</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #dddddd;font-size:13px;color:#555555">
{{#if unsubscribeUrl}}{{#if (eq language "en")}}You receive this mail as a contact of {{partnerName}} in the Alliantie Kinderarmoede. <a href="{{unsubscribeUrl}}" style="color:#0b3d91">Unsubscribe</a>{{else}}U ontvangt deze mail als contactpersoon van {{partnerName}} in de Alliantie Kinderarmoede. <a href="{{unsubscribeUrl}}" style="color:#0b3d91">Afmelden</a>{{/if}}{{else}}Alliantie Kinderarmoede{{/if}}
</td></tr>
</table></td></tr></table>
</body></html>`;

export const TEXT_FOOTER = `{{#if unsubscribeUrl}}
--
{{#if (eq language "en")}}You receive this mail as a contact of {{partnerName}} in the Alliantie Kinderarmoede. Unsubscribe: {{unsubscribeUrl}}{{else}}U ontvangt deze mail als contactpersoon van {{partnerName}} in de Alliantie Kinderarmoede. Afmelden: {{unsubscribeUrl}}{{/if}}
{{/if}}`;

/** A button-like link (tables, since many clients ignore padding on links). */
export const BUTTON = `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 8px 8px 0;display:inline-table"><tr><td style="background:{{#if secondary}}#ffffff{{else}}#0b3d91{{/if}};border:2px solid #0b3d91;border-radius:4px"><a href="{{url}}" style="display:inline-block;padding:10px 18px;color:{{#if secondary}}#0b3d91{{else}}#ffffff{{/if}};text-decoration:none;font-weight:bold">{{label}}</a></td></tr></table>`;
