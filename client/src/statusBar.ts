import * as vscode from 'vscode';
import type { KongClient } from './client';
import { documentSelector } from './client';
import { offerText, statusText } from './statusText';

/** `Kong 2.8 → 3.10` on Kong files; a click picks the target version. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kong.versions', vscode.StatusBarAlignment.Right, 100);
  /** The hint beside it: the active file's Kong image names another current version. */
  private readonly offerItem = vscode.window.createStatusBarItem('kong.imageVersion', vscode.StatusBarAlignment.Right, 99);
  private readonly subs: vscode.Disposable[] = [];
  constructor(private readonly kong: KongClient) {
    this.item.name = 'Kong versions';
    this.item.command = 'kong.selectTargetVersion';
    this.offerItem.name = 'Kong version from image';
    this.offerItem.command = 'kong.useImageVersion';
    this.subs.push(
      kong.onStatus(() => this.update()),
      kong.onImageOffer(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }
  private shown = false;
  /** The text on the status bar now; empty while the item is hidden (no status yet, or not a Kong file). */
  get text(): string {
    return this.shown ? this.item.text : '';
  }
  /** The image hint's text now; empty while hidden. */
  get offerText(): string {
    return this.offerShown ? this.offerItem.text : '';
  }
  private offerShown = false;
  update(): void {
    const s = this.kong.status;
    const doc = vscode.window.activeTextEditor?.document;
    const offer = doc ? this.kong.imageOffers.get(doc.uri.toString()) : undefined;
    if (offer) {
      this.offerItem.text = offerText(offer);
      this.offerItem.tooltip = `${offer.message} Click to use it as the current version (kong.currentVersion${offer.edition === 'enterprise' ? ', kong.edition = enterprise' : ''}).`;
      this.offerItem.show();
      this.offerShown = true;
    } else {
      this.offerItem.hide();
      this.offerShown = false;
    }
    const onKongFile = !!doc && (doc.languageId === 'kong-conf' || (vscode.languages.match(documentSelector, doc) > 0 && isKongLike(doc)));
    if (!s || !onKongFile) {
      this.item.hide();
      this.shown = false;
      return;
    }
    const t = statusText(s);
    this.item.text = t.text;
    const md = new vscode.MarkdownString(t.tooltip);
    md.supportThemeIcons = true;
    this.item.tooltip = md;
    this.item.backgroundColor = t.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
    this.shown = true;
  }
  dispose(): void {
    this.item.dispose();
    this.offerItem.dispose();
    this.subs.forEach((d) => d.dispose());
  }
}

/** Cheap client-side guess used only for showing the status item. */
function isKongLike(doc: vscode.TextDocument): boolean {
  const name = doc.fileName.toLowerCase();
  if (/(^|[\\/])(kong\.ya?ml|[^\\/]*\.kong\.ya?ml)$/.test(name)) return true;
  if (/(^|[\\/])(\.env[^\\/]*|[^\\/]*\.env)$/.test(name)) return true;
  const head = doc.getText(new vscode.Range(0, 0, 400, 0));
  return /_format_version|KONG_[A-Z_]+|configuration\.konghq\.com\/|konghq\.com\/plugins/.test(head);
}
