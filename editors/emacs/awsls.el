;;; awsls.el --- AWS CloudFormation, SAM, IAM and AppSpec support through the awsls language server -*- lexical-binding: t -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, tools
;; SPDX-License-Identifier: MIT

;;; Commentary:

;; Major modes for AWS documents and their registration with Eglot.
;;
;; `awsls-yaml-mode' and `awsls-json-mode' derive from the YAML and JSON
;; modes available (yaml-ts-mode, yaml-mode or text-mode; json-ts-mode,
;; json-mode, js-json-mode or js-mode).  They are chosen by content for
;; CloudFormation and SAM templates and IAM policy documents, and by name
;; for CodeDeploy AppSpec files (appspec.yml, appspec.yaml, appspec.json).
;; Other YAML and JSON files keep their usual mode and server.
;;
;; Usage:
;;   (require 'awsls)
;;   (add-hook 'awsls-yaml-mode-hook #'eglot-ensure)
;;   (add-hook 'awsls-json-mode-hook #'eglot-ensure)

;;; Code:

(require 'cl-lib)

(defvar eglot-server-programs)

(defgroup awsls nil
  "AWS CloudFormation, SAM, IAM and AppSpec support through awsls."
  :group 'languages
  :prefix "awsls-")

(defcustom awsls-server-command '("awsls" "serve")
  "Command that starts the awsls language server on stdio."
  :type '(repeat string))

(defcustom awsls-notes-paths nil
  "Folders or Markdown files with notes that awsls shows in hover."
  :type '(repeat directory))

(defcustom awsls-enable-cloudformation t
  "Whether awsls checks CloudFormation templates."
  :type 'boolean)

(defcustom awsls-enable-sam t
  "Whether awsls checks SAM templates."
  :type 'boolean)

(defcustom awsls-enable-iam t
  "Whether awsls checks IAM policy documents."
  :type 'boolean)

(defcustom awsls-enable-appspec t
  "Whether awsls checks CodeDeploy AppSpec files."
  :type 'boolean)

;;;; Document detection

(defconst awsls--key-start "\\(?:^\\|[{,]\\)[ \t]*\"?"
  "Regexp for what may precede a mapping key.
That is the start of a line, or `{' and `,' in JSON.")

(defun awsls--has-key (key &optional value-regexp)
  "Return non-nil if the buffer has mapping KEY.
With VALUE-REGEXP, the rest of the line must match it too."
  (save-excursion
    (goto-char (point-min))
    (re-search-forward
     (concat awsls--key-start (regexp-quote key) "\"?[ \t]*:" (if value-regexp (concat ".*" value-regexp) ""))
     nil t)))

(defun awsls-appspec-file-p (file)
  "Return non-nil if FILE is named like a CodeDeploy AppSpec file."
  (and file (string-match-p "\\`appspec\\.\\(?:ya?ml\\|json\\)\\'" (downcase (file-name-nondirectory file)))))

(defun awsls-document-kind (&optional file)
  "Return the AWS document kind of the current buffer, visiting FILE, or nil.
The result is one of the symbols `appspec', `cloudformation' and `iampolicy'."
  (cond
   ((awsls-appspec-file-p (or file buffer-file-name)) 'appspec)
   ((or (awsls--has-key "AWSTemplateFormatVersion")
        (awsls--has-key "Transform" "AWS::Serverless")
        (and (awsls--has-key "Resources") (awsls--has-key "Type" "AWS::[A-Za-z0-9]+::")))
    'cloudformation)
   ((and (awsls--has-key "Version" "20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]") (awsls--has-key "Statement"))
    'iampolicy)))

(defun awsls--file-format (file)
  "Return `yaml' or `json' for FILE, or nil.
The extension decides; for .template files the buffer's first character does."
  (let ((extension (and file (downcase (or (file-name-extension file) "")))))
    (cond
     ((member extension '("yaml" "yml")) 'yaml)
     ((equal extension "json") 'json)
     ((equal extension "template")
      (save-excursion
        (goto-char (point-min))
        (skip-chars-forward " \t\r\n")
        (if (eq (char-after) ?{) 'json 'yaml))))))

(defun awsls--aws-document-p (format)
  "Return non-nil if the buffer is an AWS document in FORMAT.
FORMAT is `yaml' or `json'."
  (and (eq (awsls--file-format buffer-file-name) format)
       (awsls-document-kind)))

(defun awsls--yaml-document-p ()
  "Predicate for `magic-mode-alist': an AWS document in YAML."
  (awsls--aws-document-p 'yaml))

(defun awsls--json-document-p ()
  "Predicate for `magic-mode-alist': an AWS document in JSON."
  (awsls--aws-document-p 'json))

;;;; Major modes

(defun awsls--pick-mode (candidates fallback)
  "Return the first usable major mode among CANDIDATES, else FALLBACK.
A tree-sitter mode counts only when its grammar is installed."
  (or (cl-find-if
       (lambda (mode)
         (and (fboundp mode)
              (let ((name (symbol-name mode)))
                (if (string-match "\\`\\(.*\\)-ts-mode\\'" name)
                    (and (fboundp 'treesit-language-available-p)
                         (treesit-language-available-p (intern (match-string 1 name))))
                  t))))
       candidates)
      fallback))

(defalias 'awsls--yaml-parent-mode (awsls--pick-mode '(yaml-ts-mode yaml-mode) #'text-mode)
  "The YAML major mode `awsls-yaml-mode' builds on.")

(defalias 'awsls--json-parent-mode (awsls--pick-mode '(json-ts-mode json-mode js-json-mode) #'js-mode)
  "The JSON major mode `awsls-json-mode' builds on.")

(defvar-local awsls-kind nil
  "The AWS document kind of this buffer.
One of `cloudformation', `iampolicy', `appspec', or nil.")

;;;###autoload
(define-derived-mode awsls-yaml-mode awsls--yaml-parent-mode "AWS-YAML"
  "Major mode for AWS documents written in YAML, served by awsls."
  (setq awsls-kind (awsls-document-kind)))

;;;###autoload
(define-derived-mode awsls-json-mode awsls--json-parent-mode "AWS-JSON"
  "Major mode for AWS documents written in JSON, served by awsls."
  (setq awsls-kind (awsls-document-kind)))

;;;###autoload
(progn
  (add-to-list 'auto-mode-alist '("/appspec\\.ya?ml\\'" . awsls-yaml-mode))
  (add-to-list 'auto-mode-alist '("/appspec\\.json\\'" . awsls-json-mode))
  (add-to-list 'magic-mode-alist '(awsls--yaml-document-p . awsls-yaml-mode))
  (add-to-list 'magic-mode-alist '(awsls--json-document-p . awsls-json-mode)))

;;;; Eglot

(defun awsls--initialization-options (&optional _server)
  "The `initializationOptions' object sent to awsls.
It is built from the `awsls-' options."
  (let ((flag (lambda (on) (list :enable (if on t :json-false)))))
    (list :notes (list :paths (vconcat (mapcar #'expand-file-name awsls-notes-paths)))
          :cloudformation (funcall flag awsls-enable-cloudformation)
          :sam (funcall flag awsls-enable-sam)
          :iam (funcall flag awsls-enable-iam)
          :appspec (funcall flag awsls-enable-appspec))))

(defun awsls-eglot-contact (&optional _interactive)
  "Eglot contact for awsls: `awsls-server-command' plus initialization options."
  (append awsls-server-command (list :initializationOptions #'awsls--initialization-options)))

;;;###autoload
(with-eval-after-load 'eglot
  ;; One entry per format, so each server instance sees one languageId.
  (add-to-list 'eglot-server-programs '((awsls-json-mode :language-id "json") . awsls-eglot-contact))
  (add-to-list 'eglot-server-programs '((awsls-yaml-mode :language-id "yaml") . awsls-eglot-contact)))

(provide 'awsls)
;;; awsls.el ends here
