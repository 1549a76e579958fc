// Fills a Coalition form in the browser with ODK Web Forms, the engine ODK Central uses, so
// skip logic, constraints and calculations behave as in ODK Collect. The page provides the
// XForm and the addresses in a JSON block (no inline script, so the page's CSP stays
// strict); the filled instance goes to the server as Collect sends it: a multipart POST
// with xml_submission_file and the attachments.
import { createApp, h, toRaw } from 'vue';
import { OdkWebForm, POST_SUBMIT__NEW_INSTANCE, webFormsPlugin } from '@getodk/web-forms';

const config = JSON.parse(document.getElementById('webform-config').textContent);
const statusBox = document.getElementById('webform-status');

function showStatus(kind, text) {
  statusBox.dataset.state = kind;
  statusBox.textContent = text;
  statusBox.hidden = false;
  statusBox.focus();
}

// The form refers to media as jr://images/x.png or jr://file-csv/x.csv; the server keeps
// them by file name.
function fetchFormAttachment(resource) {
  const name = decodeURIComponent(String(resource).split('/').pop());
  return fetch(config.mediaUrl + encodeURIComponent(name), { credentials: 'same-origin' });
}

// The server answers in OpenRosa XML; its <message> is already in the page's language.
async function serverMessage(response) {
  const text = await response.text();
  const message = new DOMParser()
    .parseFromString(text, 'application/xml')
    .querySelector('message');
  return message ? message.textContent.trim() : '';
}

// A monolithic payload holds one FormData (xml_submission_file and the attachments); this
// engine version hands it over inside a one-item list. It may also arrive wrapped in Vue's
// reactive proxies, which fetch would send as the text "[object FormData]", so the files
// are copied into a plain FormData.
function multipartBody(payloadData) {
  const instanceData = toRaw(Array.isArray(payloadData) ? payloadData[0] : payloadData);
  const body = new FormData();
  for (const [name, file] of instanceData.entries()) {
    const raw = toRaw(file);
    body.append(name, raw, raw.name);
  }
  return body;
}

async function submit(payload, callback) {
  if (payload.status !== 'ready') {
    showStatus('error', config.messages.invalid);
    callback();
    return;
  }
  showStatus('sending', config.messages.sending);
  const body = multipartBody(payload.data);
  let response;
  try {
    response = await fetch(config.submitUrl, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { 'X-CSRFToken': config.csrfToken, 'X-OpenRosa-Version': '1.0' },
    });
  } catch {
    // Nothing was sent: the answers stay in the form so the person can try again.
    showStatus('error', config.messages.offline);
    callback();
    return;
  }
  const message = (await serverMessage(response)) || config.messages.failed;
  if (response.status === 201 || response.status === 202) {
    showStatus('sent', message);
    callback({ next: POST_SUBMIT__NEW_INSTANCE });
  } else {
    showStatus('error', message);
    callback();
  }
}

createApp({
  render: () =>
    h(OdkWebForm, {
      formXml: config.formXml,
      fetchFormAttachment,
      missingResourceBehavior: 'BLANK',
      onSubmit: submit,
    }),
})
  .use(webFormsPlugin)
  .mount('#webform');
